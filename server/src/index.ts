/** Entry point: read config, load content, open the store, listen. */
import { fileURLToPath } from 'node:url';
import { ContentError, loadCatalog } from '@mockloop/rounds';
import { createApp } from './app';
import { readConfig } from './config';
import { jsonLogger } from './log';
import { systemClock } from './loops/scheduler';
import { openSqliteStore } from './store/sqlite-store';

const log = jsonLogger();

function main(): void {
  const config = readConfig();
  let catalog;
  try {
    catalog = loadCatalog(process.env.CONTENT_DIR);
  } catch (error) {
    if (error instanceof ContentError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const store = openSqliteStore(config.dataDir);
  const clientDir = fileURLToPath(new URL('../../client/dist', import.meta.url));
  const app = createApp({
    catalog,
    store,
    clock: systemClock,
    log,
    clientDir,
    publicUrl: config.publicUrl,
  });
  const resumed = app.service.resume();

  app.httpServer.listen(config.port, config.host, () => {
    const address = app.httpServer.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    log.info('listening', {
      port,
      url: `http://localhost:${port}`,
      dataDir: config.dataDir,
      resumedLoops: resumed,
    });
  });

  const shutdown = (signal: string) => {
    log.info('shutting down', { signal });
    void app.close().then(() => process.exit(0));
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main();
