/**
 * A store written by protocol 2, before documents, opens with today's server on SQLite and
 * on PostgreSQL: its loop replays with what was typed then (notes, private notes, code, a
 * STAR answer), its reports read it, and the loop goes on, typing into documents that start
 * from the texts of the log.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../server/src/store/postgres-store';
import type { LoopStore } from '../../server/src/store/store';
import type { LoopView } from '../../shared/src/loop/project';
import { DocEditor } from '../helpers/docs';
import { FakeClock } from '../helpers/fake-clock';
import { commandIds, PairedClient } from '../helpers/paired';
import { hasPostgres, TEST_DATABASE_URL } from '../helpers/services';
import { startTestServer } from '../helpers/test-server';

const FIXTURES = new URL('../fixtures/protocol-2/', import.meta.url);
interface Expected {
  loopId: string;
  tokens: { candidate: string; interviewer: string; observer: string };
  version: number;
  codeQuestionId: string;
  starQuestionId: string;
  notes0: string;
  private0: string;
  code0: string;
  star: { situation: string; task: string; action: string; result: string; learned: string };
  notes1: string;
}
const expected = (file: string) =>
  JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')) as Expected;

const cleanups: (() => unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
const cid = commandIds('old-store');

/** Opens the loop of an old store with today's server, checks it and carries it on. */
async function opensAndGoesOn(store: LoopStore, old: Expected) {
  // The server's clock stands a second after the running round started, as when the store
  // was written: no phase runs out while the test looks.
  const stored = (await store.load(old.loopId))!.state;
  const clock = new FakeClock(stored.rounds[1]!.startedAt! + 1_000);
  const server = await startTestServer({ store, clock });
  cleanups.push(() => server.close());
  const client = new PairedClient(() => server.url);
  const get = (token: string, path = '') =>
    request(server.url)
      .get(`/api/loops/${old.loopId}${path}`)
      .set('Authorization', `Bearer ${token}`)
      .expect(200);

  // The loop replays as it was left: round 1 scored and closed, round 2 running.
  const staff = (await get(old.tokens.interviewer)).body as LoopView;
  expect(staff.version).toBe(old.version);
  expect(staff.current).toBe(1);
  const [coding, behavioral] = staff.rounds;
  expect(coding!.notes).toBe(old.notes0);
  expect(coding!.privateNotes).toBe(old.private0);
  expect(coding!.code?.text).toBe(old.code0);
  expect(coding!.scores.self?.card?.justification).toBe('Slow start.');
  expect(coding!.scores.partner?.card?.justification).toBe('Clean heap solution.');
  expect(behavioral!.status).toBe('in-progress');
  expect(behavioral!.notes).toBe(old.notes1);
  expect(behavioral!.star).toMatchObject({
    ...old.star,
    principles: ['dive-deep'],
  });
  const candidateView = (await get(old.tokens.candidate)).body as LoopView;
  expect(JSON.stringify(candidateView)).not.toContain(old.private0);
  const markdown = (await get(old.tokens.candidate, '/report.md')).text;
  expect(markdown).toContain(old.notes0);
  expect(markdown).toContain('# typed under protocol 2');

  // Its documents start from the log: the code as typed, the running round's notes and
  // STAR answer; typing goes on and reaches the log when the round ends.
  const interviewer = await client.join('interviewer', old.loopId, old.tokens.interviewer);
  const candidate = await client.join('candidate', old.loopId, old.tokens.candidate);
  cleanups.push(() => [interviewer.close(), candidate.close()]);
  const code = await new DocEditor(interviewer.socket, {
    kind: 'code',
    round: 0,
    questionId: old.codeQuestionId,
  }).join();
  expect(code.textOf().toString()).toBe(old.code0);
  code.close();
  const answer = await new DocEditor(candidate.socket, {
    kind: 'star',
    round: 1,
    questionId: old.starQuestionId,
  }).join();
  expect(answer.textOf('situation').toString()).toBe(old.star.situation);
  expect(answer.textOf('learned').toString()).toBe(old.star.learned);
  expect((await answer.append(' And alert on them.', 'learned')).ok).toBe(true);
  answer.close();
  const notes = await new DocEditor(candidate.socket, { kind: 'notes', round: 1 }).join();
  expect(notes.textOf().toString()).toBe(old.notes1);
  expect((await notes.append(' A third: the label leak.')).ok).toBe(true);
  notes.close();
  expect((await interviewer.emit('round:end', { commandId: cid(), round: 1 })).ok).toBe(true);
  const after = (await get(old.tokens.interviewer)).body as LoopView;
  expect(after.rounds[1]!.notes).toBe(`${old.notes1} A third: the label leak.`);
  expect(after.rounds[1]!.star).toMatchObject({
    learned: `${old.star.learned} And alert on them.`,
    principles: ['dive-deep'],
  });
  expect(after.rounds[0]!.notes).toBe(old.notes0);

  // Written before recording existed: nobody agreed, so it is off, until both partners do.
  expect(after.recording).toEqual({
    agreed: [],
    needed: ['candidate', 'interviewer'],
    on: false,
  });
  for (const peer of [candidate, interviewer])
    expect((await peer.emit('recording:agree', { commandId: cid() })).ok).toBe(true);
  const recordings = `/api/loops/${old.loopId}/recordings`;
  const started = await request(server.url)
    .post(recordings)
    .set('Authorization', `Bearer ${old.tokens.candidate}`)
    .send({ round: 1, startedAt: clock.now(), mimeType: 'audio/ogg' })
    .expect(201);
  expect((await get(old.tokens.observer, '/recordings')).body.recordings).toEqual([
    started.body.recording,
  ]);
}

describe('a store written by protocol 2', () => {
  it('opens on SQLite, replays, reports and goes on', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-protocol-2-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    copyFileSync(new URL('mockloop.sqlite', FIXTURES), join(dataDir, 'mockloop.sqlite'));
    const { openSqliteStore } = await import('../../server/src/store/sqlite-store');
    await opensAndGoesOn(openSqliteStore(dataDir), expected('expected.json'));
  });

  it.skipIf(!hasPostgres())('opens on PostgreSQL, replays, reports and goes on', async () => {
    // The dump, restored into a schema of its own.
    const schema = `p2_${randomBytes(6).toString('hex')}`;
    const dump = readFileSync(new URL('postgres.sql', FIXTURES), 'utf8').replaceAll(
      'p2_fixture_schema',
      schema,
    );
    const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await admin.connect();
    await admin.query(dump);
    await admin.end();
    cleanups.push(async () => {
      const dropper = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    });
    const url = new URL(TEST_DATABASE_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    await opensAndGoesOn(
      await openPostgresStore({ url: url.toString() }),
      expected('expected-postgres.json'),
    );
  });
});
