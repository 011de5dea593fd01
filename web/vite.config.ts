import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  // `npm run dev -w web` proxies the API to a server started with `npm start`.
  server: { proxy: { '/api': 'http://localhost:3000', '/readyz': 'http://localhost:3000', '/docs': 'http://localhost:3000' } },
});
