import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Monaco is bundled from the local package; its workers are loaded through Vite's `?worker` imports
// (see src/monaco/setup.ts), so the designer never fetches anything from a CDN.
export default defineConfig({
  root: import.meta.dirname,
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 8000,
    sourcemap: false,
  },
  worker: { format: 'es' },
});
