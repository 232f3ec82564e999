import { mkdtempSync, rmSync, writeFileSync, mkdirSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONTENT_DIR } from '../../rounds/src/load';
import type { LoopView } from '../../shared/src/loop/project';
import { ratingsFor } from '../helpers/content';
import { writeNotes } from '../helpers/docs';
import { killHard, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { joinLoop } from '../helpers/test-server';

const dataDir = mkdtempSync(join(tmpdir(), 'mockloop-restart-'));
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map(killHard));
  rmSync(dataDir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const server = await startServerProcess({ DATA_DIR: dataDir, ...env });
  running.push(server);
  return server;
}

describe('server restart', () => {
  it('a loop survives SIGKILL and restart with its clock, notes and scores intact', async () => {
    const first = await start();
    const created = await request(first.url)
      .post('/api/loops')
      .send({ mode: 'solo', rounds: [{ id: 'screen' }, { id: 'ml-depth' }] })
      .expect(201);
    const { id, tokens } = created.body as { id: string; tokens: { candidate: string } };
    const { socket } = await joinLoop(first.url, id, tokens.candidate);
    let n = 0;
    const send = async (event: string, payload: object) => {
      const ack = await (socket.emitWithAck as (e: string, p: object) => Promise<{ ok: boolean }>)(
        event,
        {
          commandId: `restart-${++n}`,
          ...payload,
        },
      );
      expect(ack.ok, event).toBe(true);
    };
    await send('round:start', { round: 0 });
    expect((await writeNotes(socket, 0, 'why Amazon: customer obsession story')).ok).toBe(true);
    await send('round:end', { round: 0 });
    await send('score:submit', {
      round: 0,
      card: { ratings: ratingsFor('screen', 3), vote: 3, justification: 'solid' },
    });
    await send('round:next', { round: 0 });
    await send('round:start', { round: 1 });
    await send('timer:extend', { round: 1, minutes: 2 });
    expect((await writeNotes(socket, 1, 'bias-variance: regularise, more data')).ok).toBe(true);

    const before = (await socket.emitWithAck('loop:sync', {})) as { ok: true; data: LoopView };
    const clockBefore = before.data.rounds[1]!.clock;
    expect(clockBefore.kind).toBe('running');
    socket.disconnect();
    await killHard(first);

    const second = await start();
    expect(second.output()).toContain('"resumedLoops":1');
    const res = await request(second.url)
      .get(`/api/loops/${id}`)
      .set('Authorization', `Bearer ${tokens.candidate}`)
      .expect(200);
    const after = res.body as LoopView;
    expect(after.rounds[1]!.clock).toEqual(clockBefore);
    const endsAt = (after.rounds[1]!.clock as { phaseEndsAt: number }).phaseEndsAt;
    // Remaining time is the stored deadline against the server's clock: within a second of expected.
    expect(Math.abs(endsAt - after.serverNow - (endsAt - Date.now()))).toBeLessThan(1000);
    expect(after.rounds[0]!.notes).toBe('why Amazon: customer obsession story');
    expect(after.rounds[1]!.notes).toBe('bias-variance: regularise, more data');
    expect(after.rounds[0]!.scores.self?.card).toMatchObject({
      vote: 3,
      justification: 'solid',
      ratings: ratingsFor('screen', 3),
    });
    expect(after.version).toBe(before.data.version);
    await killHard(second);
  });

  it('a bad content file stops start-up with the file, field path and reason', async () => {
    const contentDir = mkdtempSync(join(tmpdir(), 'mockloop-bad-content-'));
    cpSync(DEFAULT_CONTENT_DIR, contentDir, { recursive: true });
    mkdirSync(join(contentDir, 'questions'), { recursive: true });
    writeFileSync(
      join(contentDir, 'questions', 'mine.yaml'),
      'round: coding\nquestions:\n  - id: Bad Id\n',
    );
    try {
      await start({ CONTENT_DIR: contentDir });
      expect.unreachable('the server should refuse to start');
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain('server exited with 1');
      expect(message).toMatch(
        /questions[/\\]mine\.yaml: questions\[0\]\.id: must be lower-case kebab-case/,
      );
    } finally {
      rmSync(contentDir, { recursive: true, force: true });
    }
  });

  it('a database or cluster setting that cannot work stops start-up with the reason', async () => {
    const refused = (env: Record<string, string>) =>
      start(env).then(
        () => expect.unreachable('the server should refuse to start'),
        (error: Error) => error.message,
      );
    const nowhere = await refused({ DATABASE_URL: 'postgres://mockloop:x@127.0.0.1:1/mockloop' });
    expect(nowhere).toContain('server exited with 1');
    expect(nowhere).toContain(
      'could not open the PostgreSQL store at DATABASE_URL: connect ECONNREFUSED',
    );
    const alone = await refused({ REDIS_URL: 'redis://127.0.0.1:6379' });
    expect(alone).toContain(
      'REDIS_URL links several nodes, which must share one store: set DATABASE_URL too',
    );
  });
});
