import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by the engine host (src/engines/host/web-build.ts) or `npm run build:web`.
export default defineConfig({
  plugins: [react()],
  base: './',
  cacheDir: '../node_modules/.vite-web',
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1000 },
});
