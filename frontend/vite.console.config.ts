import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The operator console (运营控制台, docs/console.md): a second entry of this package with its own
// root (console/), served by src/mcert/webapp.py under /console/ from src/mcert/console_dist/
// (git-ignored).
export default defineConfig({
  root: fileURLToPath(new URL('./console', import.meta.url)),
  base: '/console/',
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL('../src/mcert/console_dist', import.meta.url)),
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: Object.fromEntries(
      ['/api', '/pki', '/healthz'].map((p) => [p, process.env.MCERT_SERVER ?? 'http://127.0.0.1:8000']),
    ),
  },
})
