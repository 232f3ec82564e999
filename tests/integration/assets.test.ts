/**
 * What the browser downloads: text compressed (brotli when accepted, else gzip, else as it
 * is), the client's hashed files cached for a year, the app shell revalidated each time.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { get, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/test-server';

let server: TestServer;
const script = `export const rounds = ${JSON.stringify(
  Array.from({ length: 400 }, (_, i) => ({ round: i, title: `Round ${i}` })),
)};\n`;

beforeAll(async () => {
  const clientDir = mkdtempSync(join(tmpdir(), 'mockloop-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>mockloop</title>');
  writeFileSync(join(clientDir, 'assets', 'index-Ab12Cd34.js'), script);
  server = await startTestServer({ clientDir });
});
afterAll(() => server.close());

/** A GET as the browser sends it, with the body as it came over the wire. */
function fetchRaw(
  path: string,
  encodings: string,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(`${server.url}${path}`, { headers: { 'accept-encoding': encodings } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    }).on('error', reject);
  });
}

describe('the files the browser downloads', () => {
  it('are compressed with brotli, else gzip, else sent as they are', async () => {
    const path = '/assets/index-Ab12Cd34.js';
    const br = await fetchRaw(path, 'gzip, deflate, br');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/Accept-Encoding/i);
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.body.length).toBeLessThan(script.length / 4);

    const gzip = await fetchRaw(path, 'gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString()).toBe(script);

    const plain = await fetchRaw(path, 'identity');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);

    // The API's JSON too.
    const rounds = await fetchRaw('/api/rounds', 'br');
    expect(rounds.status).toBe(200);
    expect(rounds.headers['content-encoding']).toBe('br');
    expect(() => JSON.parse(brotliDecompressSync(rounds.body).toString()) as unknown).not.toThrow();
  });

  it('caches hashed files for a year and revalidates the app shell', async () => {
    const asset = await fetchRaw('/assets/index-Ab12Cd34.js', 'br');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const shell = await fetchRaw('/loop/some-loop', 'br');
    expect(shell.status).toBe(200);
    expect(shell.headers['cache-control']).toBe('no-cache');
    expect(shell.body.toString()).toContain('<title>mockloop</title>');
  });
});
