// Builds the UI (renderer/) into dist/renderer. Relative asset paths ('./') so the same files load from
// file:// in Electron and from the browser host. Workers (Monaco's) are emitted as ES module files, which the
// strict CSP allows (worker-src 'self').
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('./renderer', import.meta.url));

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  worker: { format: 'es' },
  build: {
    outDir: fileURLToPath(new URL('./dist/renderer', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // Monaco is large by nature and loaded on demand; do not warn about it.
    chunkSizeWarningLimit: 4096,
    // No inline data: scripts (CSP script-src 'self'): keep every asset a file except tiny images/fonts.
    assetsInlineLimit: 4096,
    modulePreload: { polyfill: false },
  },
  server: { host: '127.0.0.1' },
});
