/**
 * A new, empty schema in a PostgreSQL database, for a test or a benchmark run that must
 * not see anyone else's tables. The URL it returns selects the schema on every connection
 * (libpq's `options`), so the store under test needs no setting of its own.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export async function freshSchema(
  databaseUrl: string,
  prefix: string,
): Promise<{ url: string; drop(): Promise<void> }> {
  const schema = `${prefix}_${randomBytes(6).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  const url = new URL(databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { url: url.toString(), drop: () => run(`DROP SCHEMA ${schema} CASCADE`) };
}
