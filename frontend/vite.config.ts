import { fileURLToPath } from 'node:url'
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

// Built into src/mcert/webapp_dist/ (git-ignored), which src/mcert/webapp.py serves.
export default defineConfig({
  plugins: [vue(), noCdnFont()],
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
