/**
 * What links the nodes of a deployment, over one Redis: the Socket.IO Redis Streams
 * adapter (broadcasts, presence across nodes, shutting out a replaced link) and the
 * change feed, a Redis stream on which every node announces each change it makes to a
 * loop, with its events. The adapter sends server-to-server messages by Redis pub/sub,
 * which loses what is sent while a node is disconnected; the change feed is a stream that
 * each node reads from where it stopped, so a Redis blip delays changes but loses none.
 */
import { randomUUID } from 'node:crypto';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { createClient } from 'redis';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import type { Logger } from '../log';

/** One change to a loop, as announced to the other nodes. */
export interface AnnouncedChange {
  loopId: string;
  version: number;
  events: LoopEvent[];
}

export interface ChangeFeed {
  /** Announces a change made by this node to every other node. */
  publish(change: AnnouncedChange): void;
  /** Called with each change another node announces, in the order they were announced. */
  subscribe(handler: (change: AnnouncedChange) => void): void;
}

export interface RedisCluster {
  adapter: ReturnType<typeof createAdapter>;
  feed: ChangeFeed;
  close(): Promise<void>;
}

export interface RedisClusterOptions {
  url: string;
  log: Logger;
  /** The stream of changes; nodes of one deployment share it. */
  stream?: string;
  /** Entries kept (about): how far behind a node may fall before it reads from the database. */
  maxLen?: number;
}

const READ_BLOCK_MS = 5_000;
const READ_COUNT = 500;
/** Entries (about) the adapter's stream keeps: at 1,000 rooms typing, half a minute. */
const ADAPTER_MAX_LEN = 100_000;
const ADAPTER_GRACE_MS = 200;
const CONNECT_TIMEOUT_MS = 10_000;

export async function connectRedisCluster(options: RedisClusterOptions): Promise<RedisCluster> {
  const { log } = options;
  const stream = options.stream ?? 'mockloop:changes';
  const maxLen = options.maxLen ?? 50_000;
  const node = randomUUID();
  const client = createClient({ url: options.url });
  // node-redis reconnects by itself and sends what was queued meanwhile.
  let lastError = '';
  client.on('error', (error: Error) => {
    lastError = error.message;
    log.warn('redis connection error', { error: error.message });
  });
  // At start-up, though, a Redis that never answers is a mistake to report, not to wait out.
  let timer: NodeJS.Timeout | undefined;
  const gaveUp = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      client.destroy();
      const why = lastError || 'no reply';
      reject(new Error(`no answer within ${CONNECT_TIMEOUT_MS / 1000} s (${why})`));
    }, CONNECT_TIMEOUT_MS);
  });
  await Promise.race([client.connect(), gaveUp]).finally(() => clearTimeout(timer));
  // A blocking read needs a connection of its own.
  const reader = client.duplicate();
  reader.on('error', () => undefined);
  await reader.connect();

  const handlers: ((change: AnnouncedChange) => void)[] = [];
  let closed = false;
  // Read from the newest entry on: what came before this node started is not its concern.
  const [newest] = await client.xRevRange(stream, '+', '-', { COUNT: 1 });
  let offset = newest?.id ?? '0';

  const read = async () => {
    while (!closed) {
      let reply: unknown;
      try {
        reply = await reader.xRead(
          { key: stream, id: String(offset) },
          {
            BLOCK: READ_BLOCK_MS,
            COUNT: READ_COUNT,
          },
        );
      } catch (error) {
        if (closed) return;
        log.warn('reading the change feed failed; retrying', { error: (error as Error).message });
        await new Promise((resolve) => setTimeout(resolve, 200));
        continue;
      }
      const streams = (reply ?? []) as {
        messages: { id: string; message: Record<string, string> }[];
      }[];
      for (const { messages } of streams) {
        for (const { id, message } of messages) {
          offset = id;
          if (message.node === node) continue;
          let change: AnnouncedChange;
          try {
            change = JSON.parse(message.change ?? '') as AnnouncedChange;
          } catch {
            continue;
          }
          for (const handler of handlers) handler(change);
        }
      }
    }
  };
  void read();

  return {
    // The adapter's stream carries every relay between nodes (typing included). A node that
    // falls further behind than the stream keeps misses what was trimmed, silently: keep
    // as much as the change feed, and read as many at once.
    adapter: createAdapter(client, { maxLen: ADAPTER_MAX_LEN, readCount: READ_COUNT }),
    feed: {
      publish(change) {
        client
          .xAdd(
            stream,
            '*',
            { node, change: JSON.stringify(change) },
            { TRIM: { strategy: 'MAXLEN', strategyModifier: '~', threshold: maxLen } },
          )
          .catch((error: Error) =>
            log.warn('announcing a change failed', {
              loopId: change.loopId,
              error: error.message,
            }),
          );
      },
      subscribe(handler) {
        handlers.push(handler);
      },
    },
    /** Call after Socket.IO has closed (which stops the adapter). */
    async close() {
      closed = true;
      reader.destroy();
      // The adapter may still be answering a last request from another node on this
      // connection: let that go out before closing it.
      await new Promise((resolve) => setTimeout(resolve, ADAPTER_GRACE_MS));
      await client.close();
    },
  };
}
