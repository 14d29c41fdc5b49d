import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'
import { compressAssets } from './compress-assets.js'

// The dashboard is built once (npm run build) into dist/web and served by `miernik serve`;
// no dev server runs in production. `npx vite --config web/vite.config.ts` proxies the API.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react(), compressAssets()],
  build: {
    outDir: new URL('../dist/web', import.meta.url).pathname,
    emptyOutDir: true,
    // ECharts (tree-shaken: line, bar, funnel, SVG) is most of the bundle; its own chunk is
    // cached across releases of the app code.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/api': 'http://127.0.0.1:8080' } },
})
