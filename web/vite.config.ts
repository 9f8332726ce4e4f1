import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { precompress } from './vite-precompress.js';
import { sidebarPreload } from './vite-sidebar.js';

const backend = 'http://127.0.0.1:3000';
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  plugins: [react(), sidebarPreload(), precompress()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      // Two pages: the console, and the chat sidebar (/sidebar) with a small bundle of its own.
      input: { main: fileURLToPath(new URL('./index.html', import.meta.url)), sidebar: fileURLToPath(new URL('./src/sidebar/sidebar.html', import.meta.url)) },
      output: {
        // Stable, cacheable vendor chunks; echarts is only fetched by pages that draw charts.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/,
              priority: 30,
            },
            // the router apart, so the sidebar's bundle (no routes) leaves it out
            { name: 'router', test: /node_modules[\\/](react-router|react-router-dom)[\\/]/, priority: 25 },
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender|tslib)[\\/]/, priority: 20 },
            {
              name: 'antd',
              test: /node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|dayjs|@emotion|stylis|classnames|@babel)[\\/]/,
              priority: 10,
            },
          ],
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/wecom': backend,
      '/sandbox': backend,
      '/healthz': backend,
    },
  },
});
