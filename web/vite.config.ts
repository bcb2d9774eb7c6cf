import { defineConfig } from 'vite';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [preact()],
  // `npm run dev` beside `mvn quarkus:dev`: the API is the service's.
  server: { port: 5173, strictPort: true, proxy: { '/api': 'http://localhost:8080' } },
  build: { outDir: 'dist', sourcemap: false },
});
