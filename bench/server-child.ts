/**
 * The mockloop server under test, in its own process: createApp with a SQLite store in
 * BENCH_DATA_DIR on 127.0.0.1, an ephemeral port, no client dir and a silent logger.
 * Bench-only additions live here, not in the product: the store is wrapped to count
 * committed command writes, and heap/stats are answered over the IPC channel.
 */
import type { AddressInfo } from 'node:net';
import { loadCatalog } from '@mockloop/rounds';
import { createApp } from '../server/src/app';
import { silentLogger } from '../server/src/log';
import { systemClock } from '../server/src/loops/scheduler';
import { openSqliteStore } from '../server/src/store/sqlite-store';
import type { LoopStore } from '../server/src/store/store';
import { serveParent, WriteTimes } from './child-runtime';

const dataDir = process.env.BENCH_DATA_DIR;
if (!dataDir) throw new Error('BENCH_DATA_DIR is required');

const sqlite = openSqliteStore(dataDir);
let writes = 0;
const writeTimes = new WriteTimes();
/** The real store; only counts and times each committed append (one transaction per command). */
const store: LoopStore = {
  ...sqlite,
  append(before, after, events, commandId) {
    const started = performance.now();
    // The statements run at once; the promise resolves at the group commit.
    const durable = sqlite.append(before, after, events, commandId);
    writeTimes.record(performance.now() - started);
    writes++;
    return durable;
  },
};

const app = createApp({ catalog: loadCatalog(), store, clock: systemClock, log: silentLogger });
void app.service.resume();
app.httpServer.listen(0, '127.0.0.1', () => {
  const { port } = app.httpServer.address() as AddressInfo;
  serveParent(port, { writes: () => writes, relayed: () => 0 }, writeTimes, () => app.close());
});
