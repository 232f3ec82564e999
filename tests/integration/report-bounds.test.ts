/**
 * A report stays within its bounds whatever the loop holds. Ten rounds, each with its
 * whiteboard and notes filled to their caps, once made a `report.json` too large to
 * build at all ("Invalid string length") after freezing the server; now the file keeps to
 * `REPORT_MAX_BYTES`, holds the diagrams that fit and says which were left out.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BOARD_MAX_CHARS } from '../../shared/src/board';
import { NOTES_MAX_CHARS } from '../../shared/src/loop/state';
import { REPORT_MAX_BYTES, type LoopReport } from '../../shared/src/report';
import { parseReport } from '../../client/src/features/report-import/report-schema';
import { DocEditor } from '../helpers/docs';
import { commandIds, PairedClient } from '../helpers/paired';
import { startTestServer, TEST_RATE_LIMITS, type TestServer } from '../helpers/test-server';

const ROUNDS = 10;
let server: TestServer;
beforeAll(async () => {
  // Filling ten boards takes hundreds of updates: the per-socket limit is lifted here.
  const lifted = { perSecond: 1e6, burst: 1e6 };
  server = await startTestServer({ rateLimits: { ...TEST_RATE_LIMITS, command: lifted } });
});
afterAll(() => server.close());

const cid = commandIds('bounds');
/** A text label of about 30,000 characters of JSON. */
const label = (id: string) => ({
  id,
  type: 'text',
  version: 1,
  versionNonce: 1,
  isDeleted: false,
  x: 0,
  y: 0,
  text: 'x'.repeat(14_900),
  originalText: 'y'.repeat(14_900),
});

async function fullLoop(): Promise<{ id: string; token: string }> {
  const client = new PairedClient(() => server.url);
  const loop = await client.createLoop(
    'solo',
    Array.from({ length: ROUNDS }, () => ({ id: 'system-design' })),
  );
  const token = loop.tokens.candidate!;
  const me = await client.join('candidate', loop.id, token);
  const ok = async (reply: Promise<{ ok: boolean; error?: { message: string } }>) => {
    const ack = await reply;
    if (!ack.ok) throw new Error(ack.error!.message);
  };
  const perBoard = Math.floor(BOARD_MAX_CHARS / JSON.stringify(label('e-0-00')).length);
  for (let round = 0; round < ROUNDS; round++) {
    await ok(me.emit('round:start', { commandId: cid(), round }));
    // Notes at their cap, in a character that takes three bytes in UTF-8, typed in runs
    // that each fit one update.
    const notes = await new DocEditor(me.socket, { kind: 'notes', round }).join();
    for (let typed = 0; typed < NOTES_MAX_CHARS; typed += 8_000) {
      const run = '€'.repeat(Math.min(8_000, NOTES_MAX_CHARS - typed));
      // The first run replaces the round's notes template.
      await ok(typed === 0 ? notes.set(run) : notes.append(run));
    }
    notes.close();
    for (let i = 0; i < perBoard; i++)
      await ok(
        me.emit('board:update', {
          round,
          elements: [label(`e-${round}-${String(i).padStart(2, '0')}`)],
        }),
      );
    await ok(me.emit('round:end', { commandId: cid(), round }));
    await ok(me.emit('round:next', { commandId: cid(), round }));
  }
  me.close();
  return { id: loop.id, token };
}

describe('a report of a loop filled to every cap', () => {
  it('keeps report.json within its bound, with the diagrams that fit and a note for the rest', async () => {
    const loop = await fullLoop();
    const get = (path: string) =>
      request(server.url)
        .get(`/api/loops/${loop.id}/${path}`)
        .set('Authorization', `Bearer ${loop.token}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });

    const started = performance.now();
    const res = await get('report.json').expect(200);
    const took = performance.now() - started;
    const bytes = (res.body as Buffer).byteLength;
    const text = (res.body as Buffer).toString('utf8');
    const report = JSON.parse(text) as LoopReport;
    const kept = report.rounds.filter((r) => r.diagram && r.diagram.length > 0).length;
    const leftOut = report.rounds.filter((r) => r.diagramLeftOut !== undefined);
    console.log(
      `[report] ${(bytes / 1024 / 1024).toFixed(2)} MB in ${took.toFixed(0)} ms: ` +
        `${kept} diagrams kept, ${leftOut.length} left out`,
    );
    expect(bytes).toBeLessThanOrEqual(REPORT_MAX_BYTES);
    expect(report.rounds).toHaveLength(ROUNDS);
    expect(kept).toBeGreaterThan(0);
    expect(leftOut.length).toBeGreaterThan(0);
    expect(kept + leftOut.length).toBe(ROUNDS);
    for (const round of leftOut) {
      expect(round.diagram).toEqual([]);
      expect(round.diagramLeftOut).toBeGreaterThan(30);
    }
    // Diagrams are kept in round order, whole.
    const firstLeftOut = report.rounds.findIndex((r) => r.diagramLeftOut !== undefined);
    expect(report.rounds.slice(0, firstLeftOut).every((r) => r.diagram!.length > 30)).toBe(true);
    expect(report.rounds[0]!.notes).toHaveLength(NOTES_MAX_CHARS);
    // The file opens in mockloop's import, which holds it to the same bound.
    expect(parseReport(text)).toMatchObject({ ok: true });

    const markdown = await get('report.md').expect(200);
    expect((markdown.body as Buffer).toString('utf8')).toMatch(/Diagram: \d+ elements/);

    // Four at once, while the server keeps answering.
    const health: number[] = [];
    let busy = true;
    const pinging = (async () => {
      while (busy) {
        const at = performance.now();
        await request(server.url).get('/api/health').expect(200);
        health.push(performance.now() - at);
      }
    })();
    const all = await Promise.all([1, 2, 3, 4].map(() => get('report.json').expect(200)));
    busy = false;
    await pinging;
    for (const one of all)
      expect((one.body as Buffer).byteLength).toBeLessThanOrEqual(REPORT_MAX_BYTES);
    console.log(
      `[report] 4 at once; /api/health answered ${health.length} times, slowest ${Math.max(...health).toFixed(0)} ms`,
    );
  }, 120_000);
});
