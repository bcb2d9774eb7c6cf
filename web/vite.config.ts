import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';
import { serviceWorker } from './sw/plugin';

export default defineConfig({
  plugins: [
    preact(),
    serviceWorker({
      source: new URL('./sw/sw.js', import.meta.url).pathname,
      shell: ['/', '/manifest.json', '/icon.svg', '/icon-192.png', '/icon-512.png'],
    }),
  ],
  // `npm run dev` beside `mvn quarkus:dev`: the API is the service's.
  server: { port: 5173, strictPort: true, proxy: { '/api': 'http://localhost:8080' } },
  build: { outDir: 'dist', sourcemap: false },
});
