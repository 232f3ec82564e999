/**
 * How the fuzzer talks to a server: a loose Socket.IO client per role that may send what
 * the types forbid (and raw frames), raw HTTP with exact paths, headers and bytes, and
 * raw handshakes.
 */
import http from 'node:http';
import { io as connect } from 'socket.io-client';
import type { LoopView } from '../../../shared/src/loop/project';
import type { Role } from '../../../shared/src/loop/state';
import { joinLoop, type TestSocket } from '../test-server';
import type { ClientName, LoopInfo } from './contract';
import { preview } from './values';

/** Concurrent requests per client (socket) or in total (REST). */
export const IN_FLIGHT = 8;
/** Acks come in milliseconds; a missing one costs this much. */
const ACK_TIMEOUT_MS = 2_000;
/** The server's maxHttpBufferSize and JSON body limit (MAX_PAYLOAD_BYTES). */
export const LIMIT_BYTES = 64 * 1024;
/** Messages up to this size must be answered; above the limit the server may drop the socket. */
export const SAFE_BYTES = LIMIT_BYTES - 1024;
export const JSON_TYPE = { 'content-type': 'application/json' };

export type Outcome =
  | { kind: 'ack'; reply: unknown }
  | { kind: 'timeout' }
  | { kind: 'disconnected' }
  | { kind: 'sent' };

/** The untyped face of a socket: the fuzzer sends what the types would forbid. */
interface LooseSocket {
  connected: boolean;
  emit(event: string, ...args: unknown[]): unknown;
  emitWithAck(event: string, ...args: unknown[]): Promise<unknown>;
  timeout(ms: number): { emit(event: string, ...args: unknown[]): unknown };
  once(event: 'disconnect', listener: () => void): unknown;
  off(event: 'disconnect', listener: () => void): unknown;
}
const loose = (socket: TestSocket) => socket as unknown as LooseSocket;
interface RawEngine {
  write(data: string | Buffer): void;
  on(event: 'message', listener: (data: unknown) => void): void;
}

/** Ack ids of raw frames: far above socket.io-client's own. */
let rawId = 1_000_000;
export const nextRawId = () => rawId++;

/** Emits `args` with an ack callback: the reply, or a timeout after `ms`. */
export function ackOf(
  socket: TestSocket,
  event: string,
  args: readonly unknown[],
  ms = ACK_TIMEOUT_MS,
) {
  return new Promise<Outcome>((resolve) => {
    loose(socket)
      .timeout(ms)
      .emit(event, ...args, (error: unknown, reply: unknown) =>
        resolve(error ? { kind: 'timeout' } : { kind: 'ack', reply }),
      );
  });
}

export class FuzzClient {
  socket!: TestSocket;
  reconnects = 0;
  /** Every view received, on every connection: all must carry the baseline version. */
  readonly views: LoopView[][] = [];
  /** Replies to raw frames, by ack id. */
  readonly rawReplies = new Map<number, unknown>();

  constructor(
    readonly name: ClientName,
    readonly loop: LoopInfo,
    readonly role: Role,
    readonly url: string,
  ) {}

  async connect(): Promise<void> {
    const { socket, views } = await joinLoop(this.url, this.loop.id, this.loop.tokens[this.role]!);
    this.socket = socket;
    this.views.push(views);
    this.engine().on('message', (data) => {
      const m = typeof data === 'string' ? /^3(\d+)(\[[\s\S]*)$/.exec(data) : null;
      if (m && Number(m[1]) >= 1_000_000)
        this.rawReplies.set(Number(m[1]), (JSON.parse(m[2]!) as unknown[])[0]);
    });
  }

  engine(): RawEngine {
    return (this.socket.io as unknown as { engine: RawEngine }).engine;
  }

  /** Reconnects when the server dropped the socket (e.g. a message over the size limit). */
  async ensure(): Promise<void> {
    if (this.socket.connected) return;
    this.socket.close();
    await this.connect();
    this.reconnects++;
  }

  /** Resolves when the socket disconnects; `cancel` stops listening. */
  watchDisconnect(): { promise: Promise<Outcome>; cancel: () => void } {
    let listener = () => {};
    const promise = new Promise<Outcome>((resolve) => {
      listener = () => resolve({ kind: 'disconnected' });
      if (!this.socket.connected) resolve({ kind: 'disconnected' });
      else loose(this.socket).once('disconnect', listener);
    });
    return { promise, cancel: () => loose(this.socket).off('disconnect', listener) };
  }

  /** Emits through socket.io-client and waits for the ack, a disconnect or the timeout. */
  async emit(event: string, args: unknown[], ack: boolean): Promise<Outcome> {
    if (!ack) {
      loose(this.socket).emit(event, ...args);
      return { kind: 'sent' };
    }
    const disconnect = this.watchDisconnect();
    const outcome = await Promise.race([ackOf(this.socket, event, args), disconnect.promise]);
    disconnect.cancel();
    return outcome;
  }

  /** Sends `[event, <payload JSON text>]` as a raw Socket.IO frame with an ack id. */
  async emitRaw(event: string, payloadJson: string): Promise<Outcome> {
    const id = nextRawId();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const disconnect = this.watchDisconnect();
    this.engine().write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
    const replied = new Promise<Outcome>((resolve) => {
      const started = Date.now();
      const poll = () => {
        if (this.rawReplies.has(id))
          return resolve({ kind: 'ack', reply: this.rawReplies.get(id) });
        if (Date.now() - started > ACK_TIMEOUT_MS) return resolve({ kind: 'timeout' });
        timer = setTimeout(poll, 2);
      };
      poll();
    });
    const outcome = await Promise.race([replied, disconnect.promise]);
    clearTimeout(timer);
    disconnect.cancel();
    return outcome;
  }

  /** A clock:ping round trip: proves the socket is still served. */
  async ping(): Promise<'ok' | 'disconnected' | 'timeout' | 'bad'> {
    if (!this.socket.connected) return 'disconnected';
    const outcome = await this.emit('clock:ping', [{ sentAt: Date.now() }], true);
    if (outcome.kind !== 'ack') return outcome.kind === 'disconnected' ? 'disconnected' : 'timeout';
    const reply = outcome.reply as { ok?: boolean; data?: { serverNow?: unknown } };
    return reply?.ok === true && typeof reply.data?.serverNow === 'number' ? 'ok' : 'bad';
  }
}

export const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT });
export type HttpResult = { status: number; type: string; text: string } | { error: string };

/** Raw HTTP with keep-alive: exact paths (no URL normalisation), headers and bytes. */
export function rawHttp(
  port: number,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string | Buffer,
): Promise<HttpResult> {
  // Node sends a GET body without Content-Length (desyncing keep-alive): always set it.
  // A body over the limit may be answered early and the socket closed: never reuse it.
  const length = body === undefined ? undefined : Buffer.byteLength(body);
  const sent = length === undefined ? headers : { 'content-length': String(length), ...headers };
  const via = length !== undefined && length > LIMIT_BYTES ? false : agent;
  return new Promise((resolve) => {
    let req: http.ClientRequest;
    try {
      req = http.request(
        { host: '127.0.0.1', port, method, path, headers: sent, agent: via },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', (error) => resolve({ error: error.message }));
          res.on('end', () => {
            const type = String(res.headers['content-type'] ?? '');
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({ status: res.statusCode ?? 0, type, text });
          });
        },
      );
    } catch (error) {
      return resolve({ error: `client refused to send: ${(error as Error).message}` });
    }
    req.setTimeout(10_000, () => req.destroy(new Error('timeout: no answer in 10 s')));
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ error: e.code ?? e.message }));
    req.end(body);
  });
}

/** POST /api/loops, which must create the loop. */
export async function createLoop(port: number, body: object) {
  const res = await rawHttp(port, 'POST', '/api/loops', JSON_TYPE, JSON.stringify(body));
  if (!('status' in res) || res.status !== 201) throw new Error(`no loop: ${preview(res)}`);
  return JSON.parse(res.text) as { id: string; tokens: Partial<Record<Role, string>> };
}

/** A fresh connection with `auth`: `connected`, `connect_error <why>` or `disconnect <why>`. */
export function handshake(url: string, auth: unknown, extraHeaders?: Record<string, string>) {
  return new Promise<string>((resolve) => {
    const options = { transports: ['websocket'], reconnection: false, forceNew: true };
    const socket = connect(url, { ...options, auth: auth as object, extraHeaders, timeout: 3_000 });
    const done = (result: string) => {
      socket.close();
      resolve(result);
    };
    socket.on('connect', () => done('connected'));
    socket.on('connect_error', (error) => done(`connect_error ${error.message}`));
    socket.on('disconnect', (reason) => done(`disconnect ${reason}`));
  });
}

/** Runs `run` over `items`, at most `limit` at a time. */
export async function pool<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await run(items[next++]!);
    }),
  );
}
