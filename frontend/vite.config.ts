import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants as zlibConstants, gzipSync } from 'node:zlib'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import type { Plugin } from 'vite'

// Vant's icon font is embedded as a woff2 data: URL with a fallback on a CDN (alicdn). The
// app must work offline and its CSP allows no third-party origin: drop the fallback.
const noCdnFont = (): Plugin => ({
  name: 'mcert-no-cdn-font',
  enforce: 'pre',
  transform(code, id) {
    if (!id.includes('vant') || !id.endsWith('.css')) return null
    return code.replace(/,\s*url\((?:https?:)?\/\/at\.alicdn\.com\/[^)]*\)\s*format\(["']woff["']\)/g, '')
  },
})

// A slow phone on a slow network pays for every byte: write `name.br` and `name.gz` beside
// each text asset once, at build time (best compression, no CPU per request), and
// src/mcert/webapp.py serves the one the browser accepts. Kept only when smaller.
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|webmanifest|txt|ico)$/
const precompress = (): Plugin => {
  let outDir = ''
  return {
    name: 'mcert-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir
    },
    closeBundle() {
      const walk = (dir: string): string[] =>
        readdirSync(dir).flatMap((name) => {
          const path = join(dir, name)
          return statSync(path).isDirectory() ? walk(path) : [path]
        })
      for (const file of walk(outDir)) {
        if (!COMPRESSIBLE.test(file)) continue
        const raw = readFileSync(file)
        if (raw.length < 512) continue
        const br = brotliCompressSync(raw, {
          params: {
            [zlibConstants.BROTLI_PARAM_QUALITY]: 11,
            [zlibConstants.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
        const gz = gzipSync(raw, { level: 9 })
        if (br.length < raw.length) writeFileSync(`${file}.br`, br)
        if (gz.length < raw.length) writeFileSync(`${file}.gz`, gz)
      }
    },
  }
}

// The entry stylesheet (~200 KB with Vant's embedded icon font) blocks every paint while it
// loads when it sits in <head>. At the end of <body> it blocks only what follows it: the
// page's own splash (index.html) paints from the HTML at once; the module script still runs
// after the stylesheet has loaded, so the app never mounts unstyled.
const stylesheetAfterSplash = (): Plugin => ({
  name: 'mcert-stylesheet-after-splash',
  apply: 'build',
  transformIndexHtml: {
    order: 'post',
    handler(html) {
      const links: string[] = []
      const head = html.replace(/\s*<link rel="stylesheet"[^>]*>/g, (tag) => {
        links.push(tag.trim())
        return ''
      })
      return links.length ? head.replace('  </body>', `    ${links.join('\n    ')}\n  </body>`) : html
    },
  },
})

// Built into src/mcert/webapp_dist/ (git-ignored), which src/mcert/webapp.py serves.
export default defineConfig({
  plugins: [vue(), noCdnFont(), stylesheetAfterSplash(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('../src/mcert/webapp_dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 600,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/pki', '/sandbox', '/healthz'].map((p) => [p, process.env.MCERT_SERVER ?? 'http://127.0.0.1:8000']),
    ),
  },
})
