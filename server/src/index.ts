/** Entry point: read config, load content, open the store (and the cluster link), listen. */
import { fileURLToPath } from 'node:url';
import { loadCatalog } from '@mockloop/rounds';
import { createApp } from './app';
import { readConfig, type Config } from './config';
import { jsonLogger } from './log';
import { systemClock } from './loops/clock';
import { openSqliteStore } from './store/sqlite-store';

const log = jsonLogger();

/** Stops with one clear line on stderr: nothing else is worth a stack trace at start-up. */
function fatal(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

// PostgreSQL's and Redis's modules are imported only when configured: loading their
// packages (redis above all) is a good part of a start on SQLite alone.
async function openStore(config: Config) {
  if (!config.databaseUrl) return openSqliteStore(config.dataDir);
  const { openPostgresStore } = await import('./store/postgres-store');
  try {
    return await openPostgresStore({ url: config.databaseUrl, log });
  } catch (error) {
    return fatal(
      `could not open the PostgreSQL store at DATABASE_URL: ${(error as Error).message}`,
    );
  }
}

/** The link to the other nodes, when REDIS_URL is set. */
async function connectCluster(url: string) {
  const { connectRedisCluster } = await import('./cluster/redis-cluster');
  try {
    return await connectRedisCluster({ url, log });
  } catch (error) {
    return fatal(`could not connect to Redis at REDIS_URL: ${(error as Error).message}`);
  }
}

async function main(): Promise<void> {
  let config: Config;
  let catalog;
  try {
    config = readConfig();
    catalog = loadCatalog(process.env.CONTENT_DIR);
  } catch (error) {
    // A bad setting or content file: its message says what and where.
    if (error instanceof Error) fatal(error.message);
    throw error;
  }
  const store = await openStore(config);
  const cluster = config.redisUrl ? await connectCluster(config.redisUrl) : null;
  const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
  const app = createApp({
    catalog,
    store,
    clock: systemClock,
    log,
    clientDir,
    publicUrl: config.publicUrl,
    cluster: cluster ?? undefined,
    trustedProxies: config.trustedProxies,
    limits: config.limits,
    ice: config.ice,
  });
  const resumed = await app.resume();

  app.httpServer.listen(config.port, config.host, () => {
    const address = app.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info('listening', {
      port,
      url: `http://localhost:${port}`,
      store: store.kind,
      ...(store.kind === 'sqlite' ? { dataDir: config.dataDir } : {}),
      cluster: cluster !== null,
      resumedLoops: resumed,
    });
  });

  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    void app
      .close()
      .then(() => cluster?.close())
      .finally(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

void main();
