import react from '@vitejs/plugin-react';
import { cpSync, createReadStream, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { chunkSizeCheck } from './scripts/chunk-size-check.ts';

const server = process.env.MOCKLOOP_DEV_SERVER ?? 'http://localhost:3000';

/** Where the client serves Excalidraw's fonts, relative to its base URL. */
const EXCALIDRAW_ASSETS_DIR = 'vendor/excalidraw/';
const EXCALIDRAW_ASSETS_MODULE = 'virtual:excalidraw-assets';

/**
 * Excalidraw 0.18 fetches its canvas fonts from a CDN unless `window.EXCALIDRAW_ASSET_PATH`
 * says otherwise, and the CSP allows fonts from this origin only. This ships the package's
 * `fonts/` folder under the client's own output (served from node_modules in dev) and
 * offers `virtual:excalidraw-assets`, which points Excalidraw there: import it before
 * Excalidraw. Its UI fonts come through its CSS, which Vite bundles itself.
 *
 * Excalidraw also lists the CDN as a second source of every font face, and Chromium checks
 * each source against the CSP as the face is created (a console error per font, even when
 * the first source loads). So the CDN fallback is rewritten to the same local folder; the
 * build fails if that code is ever not found, rather than quietly reach for the CDN.
 */
const CDN_FALLBACK = /("ASSETS_FALLBACK_URL",\s*)`https:\/\/esm\.sh\/[\s\S]*?\/dist\/prod\/`/;

function withLocalFallback(code: string, id: string, assetsPath: string) {
  if (!id.includes('@excalidraw/excalidraw') || !code.includes('ASSETS_FALLBACK_URL')) return;
  if (!CDN_FALLBACK.test(code))
    throw new Error(`${id}: Excalidraw's font fallback changed; update CDN_FALLBACK`);
  const local = `new URL(${JSON.stringify(assetsPath)}, globalThis.location.origin).href`;
  // The code moves within one line only: the package's own source map stays close enough.
  return { code: code.replace(CDN_FALLBACK, `$1${local}`), map: null };
}

function excalidrawAssets(): Plugin {
  const fontsDir = join(
    dirname(createRequire(import.meta.url).resolve('@excalidraw/excalidraw')),
    'fonts',
  );
  let base = '/';
  const assetsPath = () => base + EXCALIDRAW_ASSETS_DIR;
  const transform = (code: string, id: string) => withLocalFallback(code, id, assetsPath());
  return {
    name: 'mockloop:excalidraw-assets',
    // Dev pre-bundles Excalidraw with rolldown, outside the plugin pipeline: patch it there too.
    config: (user) => {
      base = user.base ?? '/';
      return {
        optimizeDeps: {
          rolldownOptions: { plugins: [{ name: 'mockloop:excalidraw-fallback', transform }] },
        },
      };
    },
    configResolved(config) {
      base = config.base;
    },
    transform,
    resolveId(id) {
      return id === EXCALIDRAW_ASSETS_MODULE ? `\0${EXCALIDRAW_ASSETS_MODULE}` : undefined;
    },
    load(id) {
      if (id !== `\0${EXCALIDRAW_ASSETS_MODULE}`) return undefined;
      return `window.EXCALIDRAW_ASSET_PATH = ${JSON.stringify(assetsPath())};`;
    },
    configureServer(dev) {
      // Registered before Vite's own middlewares, so ahead of the `/vendor` proxy below.
      dev.middlewares.use(`${base}${EXCALIDRAW_ASSETS_DIR}fonts`, (req, res) => {
        const path = resolve(fontsDir, `.${decodeURIComponent(req.url?.split('?')[0] ?? '')}`);
        const inside = path.startsWith(fontsDir + sep) && !relative(fontsDir, path).includes('..');
        if (!inside || !statSync(path, { throwIfNoEntry: false })?.isFile()) {
          res.statusCode = 404;
          res.end();
          return;
        }
        res.setHeader('Content-Type', 'font/woff2');
        createReadStream(path).pipe(res);
      });
    },
    writeBundle(options) {
      if (options.dir)
        cpSync(fontsDir, join(options.dir, EXCALIDRAW_ASSETS_DIR, 'fonts'), {
          recursive: true,
        });
    },
  };
}

export default defineConfig({
  plugins: [react(), excalidrawAssets(), chunkSizeCheck()],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
    // One React for the app and its libraries: npm may hoist a second copy (Excalidraw's
    // jotai peers pulled React 18 to the root while the client has React 19), and two
    // copies break every hook.
    dedupe: ['react', 'react-dom'],
  },
  // Source maps would publish the whole client source: built only when asked for.
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: process.env.BUILD_SOURCEMAPS === 'true',
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // The first page's modules are one chunk, so that the group below cannot pull
            // any of them (React, say) into a chunk of its own; as one file they also
            // compress better than the nine they made (143.6 → 139 KB gzip).
            { name: 'app', tags: ['$initial'], priority: 1 },
            // Excalidraw ships pre-built files, and bundled as one chunk its entry (460 kB)
            // and its largest shared file (440 kB) made 1,095 kB. Its files, with what they
            // import, go into chunks of at most 500 kB, fetched side by side when the
            // whiteboard opens. Its 1,821 kB core is one file: scripts/chunk-size-check.ts.
            {
              name: 'excalidraw',
              test: /[\\/]@excalidraw[\\/]excalidraw[\\/]dist[\\/]prod[\\/][\w-]+\.js$/,
              maxSize: 500_000,
            },
          ],
        },
      },
    },
  },
  // The test runner is a module worker; as ES modules its runtimes can be chunks of their
  // own (sucrase for TypeScript, sql.js for SQL), fetched on their first run only.
  worker: { format: 'es' },
  server: {
    proxy: {
      '/api': server,
      '/vendor': server,
      '/socket.io': { target: server, ws: true },
    },
  },
});
