/** A real mockloop server on an ephemeral port, with an in-memory or temp-dir store. */
import type { IceConfig } from '../../server/src/call/ice';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createApp, type App } from '../../server/src/app';
import { DEFAULT_LIMITS, type Limits } from '../../server/src/limits';
import { silentLogger, type Logger } from '../../server/src/log';
import { DEFAULT_RATE_LIMITS, type RateLimitConfig } from '../../server/src/security/rate-limits';
import { systemClock, type ServerClock } from '../../server/src/loops/clock';
import type { LoopStore } from '../../server/src/store/store';
import { openSqliteStore } from '../../server/src/store/sqlite-store';
import type { LoopView } from '../../shared/src/loop/project';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type ServerToClientEvents,
} from '../../shared/src/protocol';
import type { Catalog } from '../../shared/src/content';
import { catalog } from './content';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface TestServer {
  app: App;
  /** The server's store, for checks of what it holds. */
  store: LoopStore;
  url: string;
  close(): Promise<void>;
}

const UNLIMITED = { perSecond: 1_000_000, burst: 1_000_000 };
/**
 * Tests connect from one address, this machine, far faster than people do: the per-address
 * limits are lifted unless a test sets its own. Per-socket command limits stay as shipped.
 */
export const TEST_RATE_LIMITS: RateLimitConfig = {
  ...DEFAULT_RATE_LIMITS,
  rest: UNLIMITED,
  createLoop: UNLIMITED,
  recordingChunks: UNLIMITED,
  connect: UNLIMITED,
};

/** As shipped, but for the per-address caps: every test client comes from this machine. */
export const TEST_LIMITS: Limits = {
  sockets: { ...DEFAULT_LIMITS.sockets, perAddress: 1_000_000 },
  quotas: { ...DEFAULT_LIMITS.quotas, loopsPerAddressPerDay: 1_000_000 },
};

export async function startTestServer(
  options: {
    clock?: ServerClock;
    dataDir?: string;
    clientDir?: string;
    rateLimits?: RateLimitConfig;
    /** Proxies to believe; `['loopback']` lets a test speak for other addresses. */
    trustedProxies?: string[];
    limits?: Limits;
    connectTimeoutMs?: number;
    log?: Logger;
    /** Content other than the shipped bank. */
    catalog?: Catalog;
    /** A store already open (then `dataDir` is not used). */
    store?: LoopStore;
    /** STUN and TURN servers for the call. */
    ice?: IceConfig;
  } = {},
): Promise<TestServer> {
  const store = options.store ?? openSqliteStore(options.dataDir ?? ':memory:');
  const app = createApp({
    catalog: options.catalog ?? catalog,
    store,
    clock: options.clock ?? systemClock,
    log: options.log ?? silentLogger,
    clientDir: options.clientDir,
    rateLimits: options.rateLimits ?? TEST_RATE_LIMITS,
    trustedProxies: options.trustedProxies,
    limits: options.limits ?? TEST_LIMITS,
    connectTimeoutMs: options.connectTimeoutMs,
    ice: options.ice,
  });
  await app.resume();
  await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
  const { port } = app.httpServer.address() as AddressInfo;
  return { app, store, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Connects a socket for a role and resolves with it and its first view. */
export async function joinLoop(
  url: string,
  loopId: string,
  token: string,
): Promise<{ socket: TestSocket; views: LoopView[] }> {
  const socket: TestSocket = connect(url, {
    auth: { loopId, token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
  });
  const views: LoopView[] = [];
  socket.on('loop:updated', (view) => views.push(view));
  await new Promise<void>((resolve, reject) => {
    socket.once('loop:updated', () => resolve());
    socket.once('connect_error', reject);
  });
  return { socket, views };
}

/** Resolves with the next view a socket receives that matches. */
export function nextView(
  socket: TestSocket,
  match: (view: LoopView) => boolean = () => true,
): Promise<LoopView> {
  return new Promise((resolve) => {
    const listener = (view: LoopView) => {
      if (!match(view)) return;
      socket.off('loop:updated', listener);
      resolve(view);
    };
    socket.on('loop:updated', listener);
  });
}

/** Tries a socket connection and resolves with 'connected' or the refusal message. */
export function tryConnect(
  url: string,
  auth: object,
  headers: Record<string, string> = {},
): Promise<string> {
  return new Promise((resolve) => {
    const socket: TestSocket = connect(url, {
      auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      extraHeaders: headers,
    });
    socket.on('connect', () => {
      socket.disconnect();
      resolve('connected');
    });
    socket.on('connect_error', (error) => {
      socket.disconnect();
      resolve(error.message);
    });
  });
}
