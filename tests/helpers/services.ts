/**
 * PostgreSQL and Redis for the tests that run mockloop on the shared store and as
 * several nodes. `scripts/test-services.sh` starts both on loopback (CI runs it); the
 * addresses can be changed with TEST_DATABASE_URL and TEST_REDIS_URL. Without them the
 * tests skip loudly, except under CI=true where that fails.
 */
import pg from 'pg';
import { createClient } from 'redis';
import { freshSchema } from './database-schema';

export const TEST_DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? 'postgres://mockloop:mockloop@127.0.0.1:5432/mockloop';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function reachable(probe: () => Promise<unknown>): Promise<string | null> {
  try {
    await probe();
    return null;
  } catch (error) {
    return (error as Error).message || String(error);
  }
}

const postgresProblem = await reachable(async () => {
  const client = new pg.Client({
    connectionString: TEST_DATABASE_URL,
    connectionTimeoutMillis: 2000,
  });
  await client.connect();
  await client.query('SELECT 1');
  await client.end();
});
const redisProblem = await reachable(async () => {
  const client = createClient({
    url: TEST_REDIS_URL,
    socket: { connectTimeout: 2000, reconnectStrategy: false },
  });
  client.on('error', () => undefined);
  await client.connect();
  await client.ping();
  await client.quit();
});

/** Whether a service is there; says loudly why not, and fails under CI=true. */
function required(name: string, url: string, problem: string | null): boolean {
  if (!problem) return true;
  const message = `${name} is not reachable at ${url} (${problem}). Run \`sudo bash scripts/test-services.sh\` to start it.`;
  if (process.env.CI === 'true') throw new Error(`${message} It is required under CI=true.`);
  console.warn(`\n*** SKIPPING ${name} TESTS: ${message}\n`);
  return false;
}

export const hasPostgres = () => required('PostgreSQL', TEST_DATABASE_URL, postgresProblem);
export const hasRedis = () => required('Redis', TEST_REDIS_URL, redisProblem);

/**
 * A new empty schema in the test database, so that test files running at once never see
 * each other's tables.
 */
export const freshDatabase = () => freshSchema(TEST_DATABASE_URL, 'test');
