import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// The dashboard is built once (npm run build) into dist/web and served by `miernik serve`;
// no dev server runs in production. `npx vite --config web/vite.config.ts` proxies the API.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: new URL('../dist/web', import.meta.url).pathname, emptyOutDir: true },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
