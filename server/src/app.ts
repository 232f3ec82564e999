/**
 * Builds the Express app and the Socket.IO server without listening, so tests can
 * start it on an ephemeral port with their own store and clock.
 */
import express, { type NextFunction, type Request, type Response } from 'express';
import { existsSync } from 'node:fs';
import { createServer, type Server as HttpServer } from 'node:http';
import { join } from 'node:path';
import { Server, type ServerOptions } from 'socket.io';
import { indexCatalog } from '@mockloop/shared/catalog-index';
import type { Catalog } from '@mockloop/shared/content';
import { apiRouter } from './http/api-routes';
import { sendError } from './http/send-error';
import type { Logger } from './log';
import { LoopService } from './loops/loop-service';
import { Recordings } from './loops/recordings';
import type { ServerClock } from './loops/clock';
import { DEFAULT_TURN_TTL_SECONDS, type IceConfig } from './call/ice';
import type { ChangeFeed } from './cluster/redis-cluster';
import type { LoopStore } from './store/store';
import { attachSocketHandlers, type AppServer } from './transport/socket-handlers';
import { SocketCaps } from './transport/socket-caps';
import { DEFAULT_LIMITS, type Limits } from './limits';
import { Quotas } from './quotas';
import { Boards } from './workspaces/boards';
import { Docs } from './workspaces/docs';
import { requestLog } from './http/request-log';
import { vendorAssets } from './http/vendor-assets';
import { clientAssets, compressText } from './http/assets';
import { securityHeaders } from './security/headers';
import { originAllowed } from './security/origin';
import {
  addressResolver,
  DEFAULT_RATE_LIMITS,
  RateLimiter,
  type RateLimitConfig,
} from './security/rate-limits';

/** Largest REST body or socket message accepted; notes are capped well below it. */
export const MAX_PAYLOAD_BYTES = 64 * 1024;
/** How long a connection may stay open without joining a loop. */
export const CONNECT_TIMEOUT_MS = 10_000;
/** Events after which a round's documents are saved into the log and compacted. */
const SETTLING_EVENTS: ReadonlySet<string> = new Set(['round.ended', 'round.closed', 'loop.ended']);

export interface AppDeps {
  catalog: Catalog;
  store: LoopStore;
  clock: ServerClock;
  log: Logger;
  /** Built client to serve (client/dist); omitted in API-only tests. */
  clientDir?: string;
  publicUrl?: string;
  random?: () => number;
  rateLimits?: RateLimitConfig;
  /** Caps and quotas; the defaults when omitted. */
  limits?: Limits;
  /** How long a connection may stay open without joining a loop (`CONNECT_TIMEOUT_MS`). */
  connectTimeoutMs?: number;
  /**
   * What links this node to the others sharing its store (the Socket.IO adapter and the
   * change feed); without it the node runs alone.
   */
  cluster?: { adapter: ServerOptions['adapter']; feed: ChangeFeed };
  /**
   * Proxies whose X-Forwarded-For and X-Forwarded-Proto are believed (addresses, CIDRs,
   * or `loopback`); none when omitted.
   */
  trustedProxies?: readonly string[];
  /** STUN and TURN servers handed to the call's browsers; none when omitted. */
  ice?: IceConfig;
}

export interface App {
  httpServer: HttpServer;
  io: AppServer;
  service: LoopService;
  /** The documents held in memory (what people type), beside the log. */
  docs: Docs;
  /** The places live sockets hold under the per-role and per-address caps. */
  caps: SocketCaps;
  /**
   * Puts loops back on their clocks after a start and saves into the logs anything typed
   * before a crash but not yet saved there. Returns how many loops are running.
   */
  resume(): Promise<number>;
  /** Stops timers, sockets and the store. */
  close(): Promise<void>;
}

/** Without configuration the call connects on direct routes only (one network). */
const NO_ICE_SERVERS: IceConfig = {
  stunUrls: [],
  turnUrls: [],
  turnSecret: undefined,
  turnTtlSeconds: DEFAULT_TURN_TTL_SECONDS,
};

export function createApp(deps: AppDeps): App {
  const content = indexCatalog(deps.catalog);
  const limits = deps.limits ?? DEFAULT_LIMITS;
  const quotas = new Quotas(deps.store, limits.quotas);
  const service = new LoopService({
    store: deps.store,
    content,
    clock: deps.clock,
    log: deps.log,
    random: deps.random,
    shared: deps.cluster !== undefined,
    quotas,
  });
  const startedAt = Date.now();
  const boards = new Boards({ service, store: deps.store.workspaces, content, quotas });
  const limiter = new RateLimiter(deps.rateLimits ?? DEFAULT_RATE_LIMITS);
  const allowedOrigins = deps.publicUrl ? [new URL(deps.publicUrl).origin] : [];

  const app = express();
  app.disable('x-powered-by');
  const trustedProxies = [...(deps.trustedProxies ?? [])];
  const addressOf = addressResolver(trustedProxies);
  app.set('trust proxy', trustedProxies.length ? trustedProxies : false);
  app.use(securityHeaders);
  app.use(compressText());
  app.use('/api', requestLog(deps.log));
  app.use('/api', (req, res, next) => {
    const address = addressOf(req);
    const creating = req.method === 'POST' && req.path === '/loops';
    if (!limiter.rest.take(address) || (creating && !limiter.createLoop.take(address))) {
      res.set('Retry-After', '5');
      return sendError(res, 'rate-limited', 'too many requests; wait a few seconds and try again');
    }
    next();
  });
  app.use('/api', express.json({ limit: MAX_PAYLOAD_BYTES }));
  const recordings = new Recordings({
    service,
    store: deps.store.recordings,
    quotas,
    log: deps.log,
  });
  app.use(
    '/api',
    apiRouter({
      service,
      boards,
      workspaces: deps.store.workspaces,
      content,
      publicUrl: deps.publicUrl,
      startedAt,
      addressOf,
      recordings,
      takeChunk: (req) => limiter.recordingChunks.take(addressOf(req)),
      log: deps.log,
    }),
  );

  app.use(vendorAssets());

  if (deps.clientDir && existsSync(join(deps.clientDir, 'index.html')))
    app.use(clientAssets(deps.clientDir));
  // A missing script or runtime file is a 404, never the app shell in its place.
  app.use((_req, res) => sendError(res, 'not-found', 'no such file'));

  // Malformed JSON, oversized bodies, bad encodings and anything thrown become a JSON
  // error, never a crash or an HTML page.
  app.use(
    (
      error: Error & { status?: number; type?: string },
      req: Request,
      res: Response,
      _next: NextFunction,
    ) => {
      if (error.type === 'entity.too.large')
        return sendError(res, 'bad-request', `body larger than ${MAX_PAYLOAD_BYTES} bytes`);
      if (error.type === 'entity.parse.failed')
        return sendError(res, 'bad-request', 'body is not valid JSON');
      if (error instanceof URIError) return sendError(res, 'bad-request', 'malformed URL encoding');
      if (error.status === 404) return sendError(res, 'not-found', 'no such file');
      if (error.status !== undefined && error.status >= 400 && error.status < 500)
        return sendError(res, 'bad-request', `bad request: ${error.type ?? 'unreadable body'}`);
      deps.log.error('request failed', {
        method: req.method,
        path: req.path,
        error: error.message,
      });
      sendError(res, 'internal', 'something went wrong on the server');
    },
  );

  const httpServer = createServer(app);
  const io: AppServer = new Server(httpServer, {
    maxHttpBufferSize: MAX_PAYLOAD_BYTES,
    serveClient: false,
    // A connection that never says which loop it is for is dropped soon.
    connectTimeout: deps.connectTimeoutMs ?? CONNECT_TIMEOUT_MS,
    ...(deps.cluster ? { adapter: deps.cluster.adapter } : {}),
    // Every handshake counts against its address, before any session is held for it.
    allowRequest: (req, callback) => {
      if (!originAllowed(req, allowedOrigins))
        return callback('forbidden: connections come from this site only', false);
      if (!limiter.connect.take(addressOf(req)))
        return callback('rate-limited: too many connections; wait a few seconds', false);
      callback(null, true);
    },
  });
  const docs = new Docs({
    service,
    store: deps.store.workspaces,
    content,
    log: deps.log,
    quotas,
  });
  // What was typed is in the log before anyone is shown the loop, and its documents are
  // compacted (and their histories settled) when a round is over.
  service.onBeforeView((loopId) => docs.saveUnsaved(loopId));
  service.onChange(({ state, events, remote }) => {
    if (remote || !events.some((event) => SETTLING_EVENTS.has(event.type))) return;
    const ended = events.flatMap((event) => (event.type === 'round.ended' ? [event.round] : []));
    docs
      .saveUnsaved(state.id, true)
      .then(async () => {
        for (const round of ended) await docs.settleHistory(state.id, round);
      })
      .catch((error: Error) =>
        deps.log.warn('saving documents failed', { loopId: state.id, error: error.message }),
      );
  });
  const caps = new SocketCaps(limits.sockets);
  const sockets = attachSocketHandlers(io, {
    service,
    docs,
    boards,
    limiter,
    log: deps.log,
    addressOf,
    caps,
    feed: deps.cluster?.feed,
    ice: deps.ice ?? NO_ICE_SERVERS,
  });

  return {
    httpServer,
    io,
    service,
    docs,
    caps,
    async resume() {
      const running = await service.resume();
      await docs.saveUnsaved();
      return running;
    },
    async close() {
      docs.stop();
      service.stop();
      sockets.closing();
      await new Promise<void>((resolve) => io.close(() => resolve()));
      await deps.store.close();
    },
  };
}
