import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built to static files that `nanocode serve` serves at `/`. Asset URLs are relative so the build
// works under any mount point.
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/v1': 'http://127.0.0.1:8080',
      '/openapi.json': 'http://127.0.0.1:8080',
    },
  },
});
