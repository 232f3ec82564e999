import { describe, expect, it } from 'vitest';
import { readConfig } from '../../server/src/config';

describe('configuration from the environment', () => {
  it('defaults to the embedded store on port 3000, alone', () => {
    const config = readConfig({});
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, redisUrl: undefined });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('selects PostgreSQL and the cluster link by URL', () => {
    expect(
      readConfig({
        DATABASE_URL: 'postgres://mockloop:secret@db:5432/mockloop',
        REDIS_URL: 'redis://cache:6379',
      }),
    ).toMatchObject({
      databaseUrl: 'postgres://mockloop:secret@db:5432/mockloop',
      redisUrl: 'redis://cache:6379',
    });
  });

  it('refuses what would start a broken deployment, and says why', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT must be a port number/);
    expect(() => readConfig({ DATABASE_URL: 'mysql://db/mockloop' })).toThrow(
      /DATABASE_URL must start with postgres:\/\//,
    );
    expect(() => readConfig({ DATABASE_URL: 'postgres://db/m', REDIS_URL: 'cache:6379' })).toThrow(
      /REDIS_URL must start with redis:\/\//,
    );
    // Nodes linked by Redis but each on its own SQLite file would each keep their own loops.
    expect(() => readConfig({ REDIS_URL: 'redis://cache:6379' })).toThrow(/set DATABASE_URL too/);
  });
});
