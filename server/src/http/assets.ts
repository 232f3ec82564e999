/**
 * How the built client and the other files reach the browser: text compressed (brotli when
 * the browser accepts it, else gzip), and the client's hashed files cached for a year, since
 * a new build gives a changed file a new name. The app shell (index.html) is revalidated on
 * every load, so a new build is picked up at once.
 */
import { constants } from 'node:zlib';
import { join } from 'node:path';
import compression from 'compression';
import express, { type RequestHandler, type Router } from 'express';

/** Responses smaller than this go as they are: compressing them saves too little. */
const COMPRESS_FROM_BYTES = 1_024;
/** Brotli's quality for responses compressed as they are sent (11 is far slower). */
const BROTLI_QUALITY = 5;
/** The client build's folder of files whose names carry a hash of their content. */
const HASHED_DIR = 'assets';
const A_YEAR_SECONDS = 365 * 24 * 60 * 60;

/** Compresses every compressible response (JSON, HTML, JavaScript, CSS, WebAssembly). */
export const compressText = (): RequestHandler =>
  compression({
    threshold: COMPRESS_FROM_BYTES,
    brotli: { params: { [constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY } },
  });

/** Serves the built client from `clientDir`, and its shell for every client-side route. */
export function clientAssets(clientDir: string): Router {
  const router = express.Router();
  const index = join(clientDir, 'index.html');
  const hashed = join(clientDir, HASHED_DIR);
  router.use(
    express.static(clientDir, {
      index: false,
      maxAge: '1h',
      setHeaders: (res, path) => {
        if (path.startsWith(hashed))
          res.setHeader('Cache-Control', `public, max-age=${A_YEAR_SECONDS}, immutable`);
      },
    }),
  );
  // Client-side routes (/, /loop/:id, ...) all load the app shell.
  router.get(/^\/(?!api\/|socket\.io\/|assets\/|vendor\/).*/, (_req, res) => {
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
