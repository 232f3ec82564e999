/**
 * Security headers for every response. The content security policy allows only this
 * origin; `wasm-unsafe-eval` and blob: workers are there for in-browser code runners, blob:
 * media for replaying recordings.
 */
import type { RequestHandler } from 'express';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  // A recording is fetched with the loop's token and played from a blob.
  "media-src 'self' blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/**
 * The coding round's test-runner worker script as the client build names it
 * (client/src/features/workspace-code/runner/run-worker.ts → /assets/run-worker-<hash>.js).
 */
export const RUN_WORKER_SCRIPT = /^\/assets\/run-worker-[\w-]+\.js$/;

/**
 * The policy of the test-runner worker alone. A dedicated worker is governed by the
 * policy delivered with its own script, not the page's, so only this response is looser:
 *
 * - `'unsafe-eval'`: the worker exists to run the candidate's JavaScript. It runs it with
 *   `new Function`, as a sloppy-mode script body like the reference solutions in Node's
 *   `vm`, with each run in its own scope. (Importing it as a blob: module instead would
 *   need `blob:` in `script-src` here, no narrower, and would change the semantics to
 *   strict-mode modules.) Pyodide itself needs no eval.
 * - `'wasm-unsafe-eval'`: Pyodide and SQLite (sql.js) are WebAssembly.
 * - `connect-src 'self'`: Pyodide and sql.js fetch their files from this server; the
 *   candidate's code can reach nothing else.
 * - Everything else is refused. The worker has no DOM, no access to the page's storage
 *   (where the tokens are) and talks to the page only by messages the page checks.
 *
 * The page itself keeps `CONTENT_SECURITY_POLICY`, with no eval of any kind.
 */
export const RUN_WORKER_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
  "connect-src 'self'",
].join('; ');

export const securityHeaders: RequestHandler = (req, res, next) => {
  res.set({
    'Content-Security-Policy': RUN_WORKER_SCRIPT.test(req.path)
      ? RUN_WORKER_CONTENT_SECURITY_POLICY
      : CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    // The built-in call uses the camera and microphone: this origin only, no frame of another.
    'Permissions-Policy': 'camera=(self), microphone=(self), geolocation=()',
  });
  next();
};
