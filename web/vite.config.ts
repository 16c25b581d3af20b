import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));
const server = 'http://127.0.0.1:8080';

/** The browser app. No React plugin: esbuild compiles TSX with the automatic runtime. */
export default defineConfig({
  root,
  esbuild: { jsx: 'automatic' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      output: {
        // The terminal is the heaviest part and changes least: its own cacheable chunk.
        manualChunks: (id) => (id.includes('node_modules/@xterm/') ? 'xterm' : id.includes('node_modules/') ? 'vendor' : undefined),
      },
    },
  },
  server: {
    proxy: {
      '/api': { target: server },
      '/socket.io': { target: server, ws: true },
    },
  },
});
