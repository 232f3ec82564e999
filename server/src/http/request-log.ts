/** One JSON log line per API request: method, path, status, time, and the loop it is about. */
import type { RequestHandler } from 'express';
import type { Logger } from '../log';

export function requestLog(log: Logger): RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      // The path never holds a token (tokens travel in the fragment or a header).
      const loopId = /^\/loops\/([A-Za-z0-9_-]+)/.exec(req.path)?.[1];
      log.info('request', {
        method: req.method,
        path: req.baseUrl + req.path,
        status: res.statusCode,
        ms: Number((process.hrtime.bigint() - started) / 1000n) / 1000,
        ...(loopId ? { loopId } : {}),
        ...(res.locals.role ? { role: res.locals.role as string } : {}),
      });
    });
    next();
  };
}
