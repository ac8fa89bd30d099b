/**
 * Builds the analyst explorer (src/explorer) into dist/explorer, served by the API at /explore
 * (src/server/explorer.ts). Everything is bundled from node_modules: the page loads nothing from
 * the internet. `npm run build:explorer` runs it; `vite --config src/explorer/vite.config.ts`
 * serves it with hot reload and proxies /graphql to the API on port 4000 (or EXPLORER_API).
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/explore/',
  publicDir: 'public',
  // Vite would otherwise look for .env files in src/explorer and expose VITE_* variables.
  envDir: false,
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../dist/explorer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The graph library is the bulk of the page; chart.js is split off by its dynamic import.
    chunkSizeWarningLimit: 700,
    rollupOptions: {
      output: { manualChunks: { cytoscape: ['cytoscape', 'cytoscape-fcose'] } },
    },
  },
  server: {
    proxy: { '/graphql': 'http://127.0.0.1:4000' },
  },
});
