/**
 * The runtimes of the coding round's test runner that are not bundled with the client,
 * served by this server from their npm packages, never from a CDN, so running tests works
 * offline: Python (Pyodide) and SQLite's WebAssembly for sql.js (its JavaScript glue is a
 * lazy chunk of the client build).
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

/** URL prefix the test runner loads Pyodide from. */
export const PYODIDE_PATH = '/vendor/pyodide/';

/** URL prefix the test runner loads sql.js's WebAssembly from. */
export const SQLJS_PATH = '/vendor/sqljs/';
/** The one file served from sql.js: the wasm that its browser build (`sql-wasm-browser.js`) loads. */
export const SQLJS_WASM = 'sql-wasm-browser.wasm';

/** Serves Pyodide's files and sql.js's wasm, cached for a day (their names carry no version). */
export function vendorAssets(): Router {
  const router = express.Router();
  const pyodideDir = dirname(require.resolve('pyodide/package.json'));
  router.use(
    PYODIDE_PATH,
    express.static(pyodideDir, { index: false, maxAge: '1d', fallthrough: false }),
  );
  const sqlWasm = require.resolve(`sql.js/dist/${SQLJS_WASM}`);
  router.get(`${SQLJS_PATH}${SQLJS_WASM}`, (_req, res, next) =>
    res.sendFile(sqlWasm, { maxAge: '1d' }, (error) => error && next(error)),
  );
  return router;
}
