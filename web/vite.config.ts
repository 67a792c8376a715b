import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The browser app. `root: 'web'` because the config is run from the repository root
 * (`vite build --config web/vite.config.ts`); the bundle lands in `web/dist`, which the
 * server serves. In development `/api` (and the `/api/ws` WebSocket) go to the server.
 */
/** Where the dev proxy sends `/api`: the server on :3000 unless SWITCHBOARD_API says otherwise. */
const api = process.env.SWITCHBOARD_API ?? 'http://localhost:3000';

export default defineConfig({
  root: 'web',
  base: './',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    proxy: {
      '/api/ws': { target: api.replace(/^http/, 'ws'), ws: true },
      '/api': { target: api, changeOrigin: false },
    },
  },
});
