// The server-side build of the chat sidebar's first screen (web/dist/ssr/first-screen.server.js): the customer view's
// components rendered to HTML by react-dom/server, loaded by the server's sidebar module. React stays external (the
// server resolves the same react and react-dom the page hydrates with).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  build: {
    ssr: fileURLToPath(new URL('./src/sidebar/first-screen.server.tsx', import.meta.url)),
    outDir: fileURLToPath(new URL('./dist/ssr', import.meta.url)),
    emptyOutDir: true,
    minify: false,
  },
});
