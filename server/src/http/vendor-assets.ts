/**
 * The Python runtime (Pyodide) for the coding round's test runner, served by this
 * server from its npm package, never from a CDN, so running Python works offline.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';

const require = createRequire(import.meta.url);

/** URL prefix the test runner loads Pyodide from. */
export const PYODIDE_PATH = '/vendor/pyodide/';

/** Serves Pyodide's files, cached for a day (their names do not carry a version). */
export function vendorAssets(): Router {
  const router = express.Router();
  const pyodideDir = dirname(require.resolve('pyodide/package.json'));
  router.use(
    PYODIDE_PATH,
    express.static(pyodideDir, { index: false, maxAge: '1d', fallthrough: false }),
  );
  return router;
}
