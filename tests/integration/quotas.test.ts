/**
 * Storage quotas. Typing over a whole note again and again stores it again each time, so
 * one address could write tens of gigabytes an hour within the rate limits. Now each loop has a storage
 * quota, the whole store a ceiling, and each address a number of loops per day; each
 * refusal names its limit and what to do, and nothing already stored is lost.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, describe, expect, it } from 'vitest';
import type { Limits } from '../../server/src/limits';
import { Editor } from '../helpers/code-editor';
import { DocEditor } from '../helpers/docs';
import { ratingsFor } from '../helpers/content';
import { commandIds, PairedClient, questionOf } from '../helpers/paired';
import {
  startTestServer,
  TEST_LIMITS,
  TEST_RATE_LIMITS,
  type TestServer,
} from '../helpers/test-server';

const servers: TestServer[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true }));
});
const MB = 1024 * 1024;
const lifted = { perSecond: 1e6, burst: 1e6 };

async function start(quotas: Partial<Limits['quotas']>, dataDir?: string) {
  const server = await startTestServer({
    dataDir,
    trustedProxies: ['loopback'],
    rateLimits: { ...TEST_RATE_LIMITS, command: lifted },
    limits: { ...TEST_LIMITS, quotas: { ...TEST_LIMITS.quotas, ...quotas } },
  });
  servers.push(server);
  return server;
}
const cid = commandIds('quota-cmd');
const note = (i: number) => `${String(i).padStart(6, '0')} ${'n'.repeat(19_990)}`;

describe("a loop's storage quota", () => {
  it('stops typing at the quota with a clear error, keeps everything, and still lets the loop finish', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-quota-'));
    dirs.push(dataDir);
    const server = await start({ loopBytes: MB }, dataDir);
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'coding' }]);
    const me = await client.join('candidate', loop.id, loop.tokens.candidate!);
    expect((await me.emit('round:start', { commandId: cid(), round: 0 })).ok).toBe(true);

    // A full note typed over again and again, as a flood within the rate limits would.
    const notes = await new DocEditor(me.socket, { kind: 'notes', round: 0 }).join();
    let accepted = 0;
    let refusal: { code: string; message: string } | undefined;
    for (let i = 0; i < 200 && !refusal; i++) {
      const ack = await notes.set(note(i));
      if (ack.ok) accepted = i;
      else refusal = ack.error;
    }
    notes.close();
    expect(refusal?.code).toBe('storage-full');
    expect(refusal?.message).toMatch(
      /^this loop has used its 1 MB of storage: everything saved so far is kept, but nothing more can be typed or drawn in it/,
    );
    // Each note of ~20 KB is stored twice (the document and its history for the replay).
    expect(accepted).toBeGreaterThan(20);
    expect(accepted).toBeLessThan(30);

    // Code and test runs are typing too.
    const question = questionOf(me.latest, 0);
    const editor = new Editor(me, question.id);
    await editor.join();
    editor.text.insert(0, `# more\n${'#'.repeat(30_000)}\n`);
    const [edit] = (await editor.settled()) as { ok: boolean; error?: { code: string } }[];
    expect(edit).toMatchObject({ ok: false, error: { code: 'storage-full' } });

    // Running and scoring the loop still works, from the reserve.
    expect((await me.emit('round:end', { commandId: cid(), round: 0 })).ok).toBe(true);
    const card = { ratings: ratingsFor('coding', 3), vote: 3, justification: 'kept going' };
    expect((await me.emit('score:submit', { commandId: cid(), round: 0, card })).ok).toBe(true);
    expect((await me.emit('loop:end', { commandId: cid() })).ok).toBe(true);
    me.close();

    // Nothing was lost, here or after a restart, which counts what is stored.
    const view = async (url: string) =>
      (
        await request(url)
          .get(`/api/loops/${loop.id}`)
          .set('Authorization', `Bearer ${loop.tokens.candidate}`)
          .expect(200)
      ).body as { status: string; rounds: { notes: string }[] };
    expect((await view(server.url)).rounds[0]!.notes).toBe(note(accepted));
    await servers.pop()!.close();
    const again = await start({ loopBytes: MB }, dataDir);
    expect((await view(again.url)).status).toBe('ended');
    expect((await view(again.url)).rounds[0]!.notes).toBe(note(accepted));
  });

  it('counts the whiteboard against the same quota', async () => {
    // Each label of ~30 KB counts twice: on the board and in its history for the replay.
    const server = await start({ loopBytes: MB });
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'system-design' }]);
    const me = await client.join('candidate', loop.id, loop.tokens.candidate!);
    expect((await me.emit('round:start', { commandId: cid(), round: 0 })).ok).toBe(true);
    const label = (i: number) => ({
      id: `t${i}`,
      type: 'text',
      version: 1,
      versionNonce: 1,
      isDeleted: false,
      text: 'x'.repeat(15_000),
      originalText: 'x'.repeat(15_000),
    });
    const codes: string[] = [];
    for (let i = 0; i < 40; i++) {
      const ack = await me.emit('board:update', { round: 0, elements: [label(i)] });
      codes.push(ack.ok ? 'ok' : ack.error.code);
    }
    expect(codes.slice(0, 15)).toEqual(Array(15).fill('ok'));
    expect(codes.at(-1)).toBe('storage-full');
    me.close();
  });
});

describe('loops per address per day', () => {
  it('refuses the next loop from an address that used up its day, and no other', async () => {
    const server = await start({ loopsPerAddressPerDay: 3 });
    const create = (from: string) =>
      request(server.url).post('/api/loops').set('X-Forwarded-For', from).send({ mode: 'solo' });
    for (let i = 0; i < 3; i++) await create('203.0.113.50').expect(201);
    const refused = await create('203.0.113.50').expect(429);
    expect(refused.body.error).toEqual({
      code: 'limit-reached',
      message:
        '3 loops were created from your address in the last day; wait a few hours, or ask whoever runs this server to raise MAX_LOOPS_PER_ADDRESS_PER_DAY',
    });
    await create('203.0.113.51').expect(201);
  });
});

describe("the store's ceiling", () => {
  it('refuses new loops and typing once the store is full, and keeps everything in it', async () => {
    const server = await start({ storeBytes: MB });
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'screen' }]);
    const me = await client.join('candidate', loop.id, loop.tokens.candidate!);
    expect((await me.emit('round:start', { commandId: cid(), round: 0 })).ok).toBe(true);
    // The in-memory store starts at a few hundred kilobytes: fill it past its ceiling.
    const notes = await new DocEditor(me.socket, { kind: 'notes', round: 0 }).join();
    let refusal: { code: string; message: string } | undefined;
    for (let i = 0; i < 500 && !refusal; i++) {
      const ack = await notes.set(note(i));
      if (!ack.ok) refusal = ack.error;
    }
    notes.close();
    expect(refusal).toEqual({
      code: 'storage-full',
      message:
        "this server's storage is full (1 MB, MAX_STORE_MB): everything saved is kept, but new loops, typing and recording are refused until its operator frees space or raises the limit",
    });
    const refused = await request(server.url).post('/api/loops').send({ mode: 'solo' }).expect(507);
    expect(refused.body.error.code).toBe('storage-full');
    // The loop in progress can still be run to its end.
    expect((await me.emit('round:end', { commandId: cid(), round: 0 })).ok).toBe(true);
    expect((await me.emit('loop:end', { commandId: cid() })).ok).toBe(true);
    me.close();
  });
});
