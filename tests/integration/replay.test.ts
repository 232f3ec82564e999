/**
 * A round's replay over REST: every document's text and the whiteboard rebuilt at an
 * instant are what the store held then, the clock and the last test run are as they were,
 * private notes reach the staff only, and a round is replayed only once it is over.
 */
import { describe, expect, it } from 'vitest';
import request from 'supertest';
import { commandIds, pairedServer, questionOf } from '../helpers/paired';
import { rectangle } from '../helpers/board';
import { DocEditor } from '../helpers/docs';
import {
  boardAt,
  clockAt,
  indexDoc,
  runAt,
  textsAt,
  type RoundReplay,
} from '../../shared/src/replay/replay';

const { client, clock } = pairedServer();
const cid = commandIds('replay');

const replayOf = (loopId: string, token: string, round: number) =>
  request(client.url)
    .get(`/api/loops/${loopId}/rounds/${round}/replay`)
    .set('Authorization', `Bearer ${token}`);

describe('a round replay', () => {
  it('rebuilds code, notes and private notes at every instant as they were stored, for staff only', async () => {
    const loop = await client.createPaired([{ id: 'coding' }]);
    const { interviewer, candidate } = await client.joinAll(loop);
    const question = questionOf(interviewer.latest, 0);
    const code = new DocEditor(candidate.socket, {
      kind: 'code',
      round: 0,
      questionId: question.id,
    });
    const notes = new DocEditor(candidate.socket, { kind: 'notes', round: 0 });
    const secret = new DocEditor(interviewer.socket, { kind: 'private-notes', round: 0 });
    await Promise.all([code.join(), notes.join(), secret.join()]);
    const starter = code.textOf().toString();

    // Before the round ends there is nothing to replay.
    expect(
      (await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 })).ok,
    ).toBe(true);
    const running = await replayOf(loop.id, loop.tokens.candidate, 0).expect(409);
    expect(running.body.error.message).toMatch(/still running/);

    // Typing, one edit a second; what each editor held after each edit, with when.
    const seen: { at: number; code: string; notes: string; secret: string }[] = [];
    for (let i = 0; i < 12; i++) {
      await clock.advance(1_000);
      if (i % 3 === 0) await code.set(`def solve():\n    return ${i}\n`);
      else await code.append(`# line ${i}\n`);
      if (i % 4 === 1) await notes.append(`note ${i}. `);
      if (i % 5 === 2) await secret.append(`evidence ${i}. `);
      await Promise.all([code.settled(), notes.settled(), secret.settled()]);
      seen.push({
        at: clock.now(),
        code: code.textOf().toString(),
        notes: notes.textOf().toString(),
        secret: secret.textOf().toString(),
      });
    }
    await interviewer.emit('timer:pause', { commandId: cid(), round: 0 });
    await clock.advance(5_000);
    await interviewer.emit('timer:resume', { commandId: cid(), round: 0 });
    await candidate.emit('code:run', {
      commandId: cid(),
      round: 0,
      run: {
        language: question.sql ? 'sql' : 'python',
        outcome: 'failed',
        message: '1 of 3 cases passed',
        durationMs: 5,
        cases: [],
      },
    });
    const ranAt = clock.now();
    await clock.advance(1_000);
    await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 });

    const staff = (await replayOf(loop.id, loop.tokens.interviewer, 0).expect(200))
      .body as RoundReplay;
    const kinds = (replay: RoundReplay) => replay.docs.map((doc) => doc.ref.kind).sort();
    expect(kinds(staff)).toEqual(['code', 'notes', 'private-notes']);
    const docOf = (replay: RoundReplay, kind: string) =>
      indexDoc(
        replay.docs.find((doc) => doc.ref.kind === kind)!,
        4,
      );
    for (const moment of seen) {
      expect(textsAt(docOf(staff, 'code'), moment.at).code).toBe(moment.code);
      expect(textsAt(docOf(staff, 'notes'), moment.at).text).toBe(moment.notes);
      expect(textsAt(docOf(staff, 'private-notes'), moment.at).text).toBe(moment.secret);
    }
    // Before the first edit the code is the starter the round opened with.
    const start = staff.timeline.startedAt!;
    expect(starter.length).toBeGreaterThan(0);
    expect(textsAt(docOf(staff, 'code'), start).code).toBe(starter);
    // The last instant is the text saved into the loop.
    expect((await interviewer.sync()).rounds[0]!.code!.text).toBe(seen.at(-1)!.code);

    // The clock: running in the first phase while typing, paused for five seconds.
    expect(clockAt(staff, seen[0]!.at).clock.kind).toBe('running');
    const paused = staff.timeline.markers.find((m) => m.kind === 'pause')!;
    expect(clockAt(staff, paused.at + 2_000).clock.kind).toBe('paused');
    expect(runAt(staff.runs, ranAt - 1)).toBeNull();
    expect(runAt(staff.runs, ranAt)?.message).toBe('1 of 3 cases passed');
    expect(staff.timeline.markers.map((m) => m.kind)).toEqual([
      'start',
      'pause',
      'resume',
      'run',
      'end',
    ]);

    // The candidate's replay holds no private notes at all.
    const own = await replayOf(loop.id, loop.tokens.candidate, 0).expect(200);
    expect(kinds(own.body as RoundReplay)).toEqual(['code', 'notes']);
    expect(own.text).not.toContain('evidence');
    // The observer is staff.
    const watched = (await replayOf(loop.id, loop.tokens.observer, 0).expect(200))
      .body as RoundReplay;
    expect(kinds(watched)).toEqual(['code', 'notes', 'private-notes']);

    // The JSON report carries the replays when asked, as each role may see them.
    const report = (token: string, query = '') =>
      request(client.url)
        .get(`/api/loops/${loop.id}/report.json${query}`)
        .set('Authorization', `Bearer ${token}`)
        .expect(200);
    expect(JSON.parse((await report(loop.tokens.interviewer)).text).replays).toBeUndefined();
    const carried = JSON.parse((await report(loop.tokens.interviewer, '?replay=1')).text);
    expect(carried.replays).toEqual([staff]);
    expect(carried.replaysLeftOut).toBeUndefined();
    const candidateReport = await report(loop.tokens.candidate, '?replay=1');
    expect(JSON.parse(candidateReport.text).replays).toEqual([own.body]);
    expect(candidateReport.text).not.toContain('evidence');
  });

  it('rebuilds the whiteboard as it was, deletions included', async () => {
    const loop = await client.createPaired([{ id: 'system-design' }]);
    const { interviewer, candidate } = await client.joinAll(loop);
    await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 });
    await clock.advance(1_000);
    await candidate.emit('board:update', {
      round: 0,
      elements: [rectangle('a', 1), rectangle('b', 1)],
    });
    const drawn = clock.now();
    await clock.advance(1_000);
    await interviewer.emit('board:update', { round: 0, elements: [rectangle('a', 2)] });
    const moved = clock.now();
    await clock.advance(1_000);
    await candidate.emit('board:update', { round: 0, elements: [rectangle('b', 2, true)] });
    const deleted = clock.now();
    await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 });

    const replay = (await replayOf(loop.id, loop.tokens.candidate, 0).expect(200))
      .body as RoundReplay;
    const shape = (at: number) =>
      boardAt(replay.board, at).map((element) => `${element.id}@${element.version}`);
    expect(shape(drawn - 1)).toEqual([]);
    expect(shape(drawn)).toEqual(['a@1', 'b@1']);
    expect(shape(moved)).toEqual(['a@2', 'b@1']);
    expect(shape(deleted)).toEqual(['a@2']);
    // The last instant is the board the store holds now.
    const stored = (
      await request(client.url)
        .get(`/api/loops/${loop.id}/report.json`)
        .set('Authorization', `Bearer ${loop.tokens.candidate}`)
        .expect(200)
    ).text;
    expect(stored).toContain('"id":"a"');
  });

  it('refuses a round that did not run, a bad round and a wrong token', async () => {
    const loop = await client.createPaired([{ id: 'coding' }]);
    const skipped = await replayOf(loop.id, loop.tokens.candidate, 0).expect(409);
    expect(skipped.body.error.message).toMatch(/did not run/);
    await replayOf(loop.id, loop.tokens.candidate, 5).expect(404);
    await replayOf(loop.id, loop.tokens.candidate, 'x' as unknown as number).expect(400);
    await replayOf(loop.id, 'not-the-token-at-all', 0).expect(404);
  });
});
