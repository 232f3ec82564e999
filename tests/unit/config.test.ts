import { describe, expect, it } from 'vitest';
import type { IncomingMessage } from 'node:http';
import { readConfig } from '../../server/src/config';
import { addressResolver } from '../../server/src/security/rate-limits';

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
    expect(() => readConfig({ TRUST_PROXY: '10.0.0.2, balancer.internal' })).toThrow(
      /TRUST_PROXY takes IP addresses, CIDR ranges or "loopback", got "balancer.internal"/,
    );
  });

  it('believes X-Forwarded-For only from the proxies it is told to trust', () => {
    const request = (peer: string, forwarded?: string) => {
      const socket = { remoteAddress: peer };
      const headers = forwarded ? { 'x-forwarded-for': forwarded } : {};
      return { socket, connection: socket, headers } as unknown as IncomingMessage;
    };
    const alone = addressResolver(readConfig({}).trustedProxies);
    const behindBalancer = addressResolver(
      readConfig({ TRUST_PROXY: '10.0.0.0/24' }).trustedProxies,
    );
    const sameHostProxy = addressResolver(readConfig({ TRUST_PROXY: 'loopback' }).trustedProxies);
    // Nothing is trusted unless TRUST_PROXY says so, this machine included.
    expect(alone(request('127.0.0.1', '203.0.113.9'))).toBe('127.0.0.1');
    expect(alone(request('10.0.0.2', '203.0.113.9'))).toBe('10.0.0.2');
    expect(sameHostProxy(request('127.0.0.1', '203.0.113.9'))).toBe('203.0.113.9');
    expect(sameHostProxy(request('10.0.0.2', '203.0.113.9'))).toBe('10.0.0.2');
    expect(behindBalancer(request('10.0.0.2', '203.0.113.9'))).toBe('203.0.113.9');
    // A client cannot pass itself off as someone else by sending the header itself.
    expect(behindBalancer(request('10.0.0.2', '198.51.100.1, 203.0.113.9'))).toBe('203.0.113.9');
    expect(behindBalancer(request('192.0.2.50', '203.0.113.9'))).toBe('192.0.2.50');
  });

  it('takes PUBLIC_URL as an http(s) origin, and refuses anything else at start-up', () => {
    expect(readConfig({ PUBLIC_URL: 'https://mock.example.org/' }).publicUrl).toBe(
      'https://mock.example.org',
    );
    expect(readConfig({ PUBLIC_URL: 'http://10.0.0.5:3000' }).publicUrl).toBe(
      'http://10.0.0.5:3000',
    );
    expect(() => readConfig({ PUBLIC_URL: 'javascript:alert(1)' })).toThrow(
      /PUBLIC_URL must start with https:\/\/ or http:\/\//,
    );
    expect(() => readConfig({ PUBLIC_URL: 'mock.example.org' })).toThrow(
      /PUBLIC_URL must be a URL/,
    );
    expect(() => readConfig({ PUBLIC_URL: 'https://mock.example.org/app?x=1' })).toThrow(
      /no path, query or credentials/,
    );
    expect(() => readConfig({ PUBLIC_URL: 'https://user:pw@mock.example.org' })).toThrow(
      /no path, query or credentials/,
    );
  });

  it('reads the caps an operator may set, and refuses nonsense', () => {
    expect(readConfig({}).limits.sockets).toEqual({ perRole: 8, perAddress: 64 });
    expect(
      readConfig({ MAX_SOCKETS_PER_ROLE: '3', MAX_SOCKETS_PER_ADDRESS: '500' }).limits.sockets,
    ).toEqual({ perRole: 3, perAddress: 500 });
    expect(() => readConfig({ MAX_SOCKETS_PER_ROLE: '0' })).toThrow(
      /MAX_SOCKETS_PER_ROLE must be a whole number of at least 1, got "0"/,
    );
    expect(() => readConfig({ MAX_SOCKETS_PER_ADDRESS: 'lots' })).toThrow(
      /MAX_SOCKETS_PER_ADDRESS must be a whole number/,
    );
  });

  it("reads a loop's cap of recordings in MB, 200 unless set, apart from the loop's own", () => {
    const MB = 1024 * 1024;
    expect(readConfig({}).limits.quotas.recordingBytes).toBe(200 * MB);
    const set = readConfig({ MAX_RECORDING_MB_PER_LOOP: '50', MAX_LOOP_MB: '10' }).limits.quotas;
    expect([set.recordingBytes, set.loopBytes]).toEqual([50 * MB, 10 * MB]);
    for (const nonsense of ['0', '-5', '1.5', 'lots'])
      expect(() => readConfig({ MAX_RECORDING_MB_PER_LOOP: nonsense })).toThrow(
        `MAX_RECORDING_MB_PER_LOOP must be a whole number of at least 1, got "${nonsense}"`,
      );
  });
});
