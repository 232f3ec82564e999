/**
 * A paired loop driven from the outside, over real sockets against a real server whose
 * clock only moves when told: commands resent after a reconnect or a lost ack, rotated
 * links, and swapping roles into a new loop.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import type { LoopView } from '../../shared/src/loop/project';
import { MINUTE_MS } from '../../shared/src/timer';
import { DocEditor, writeNotes } from '../helpers/docs';
import { card, commandIds, pairedServer, until, versionOf } from '../helpers/paired';

/** This file's own server, on a clock that moves only when told, and a client of it. */
const { client } = pairedServer();

/** A fresh, valid command id. */
const cid = commandIds('paired-cmd');

describe('a paired loop over Socket.IO', () => {
  it('applies resent commands once after a reconnect', async () => {
    const loop = await client.createPaired();
    let interviewer = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    let candidate = await client.join('candidate', loop.id, loop.tokens.candidate);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));

    // The interviewer ticks two signals, drops off and comes back.
    const tick = (index: number, commandId = cid()) => ({
      commandId,
      round: 0,
      index,
      checked: true,
    });
    const firstId = cid();
    const first = versionOf(await interviewer.socket.emitWithAck('signal:tick', tick(0, firstId)));
    const second = versionOf(await interviewer.socket.emitWithAck('signal:tick', tick(1)));
    expect(second).toBe(first + 1);

    interviewer.close();
    await candidate.presenceIs({ candidate: true, interviewer: false, observer: false });
    interviewer = await client.join('interviewer (reconnected)', loop.id, loop.tokens.interviewer);
    expect(interviewer.views[0]).toMatchObject({ role: 'interviewer', version: second });
    expect(interviewer.views[0]!.rounds[0]!.question.signalsTicked).toEqual([0, 1]);

    // The first tick again: acknowledged with the version it produced, not re-applied.
    const candidateSaw = candidate.views.length;
    expect(await interviewer.socket.emitWithAck('signal:tick', tick(0, firstId))).toEqual({
      ok: true,
      data: { version: first },
    });
    const synced = await interviewer.sync();
    expect(synced.version).toBe(second);
    expect(synced.rounds[0]!.question.signalsTicked).toEqual([0, 1]);
    await candidate.flush();
    expect(candidate.views.length).toBe(candidateSaw);

    // Same for a score.
    versionOf(await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 }));
    const scoreId = cid();
    const score = {
      commandId: scoreId,
      round: 0,
      card: card('screen', 3, 'once only'),
    };
    const scored = versionOf(await candidate.socket.emitWithAck('score:submit', score));
    candidate.close();
    candidate = await client.join('candidate (reconnected twice)', loop.id, loop.tokens.candidate);
    expect(candidate.views[0]!.version).toBe(scored);
    expect(await candidate.socket.emitWithAck('score:submit', score)).toEqual({
      ok: true,
      data: { version: scored },
    });
    expect((await candidate.sync()).version).toBe(scored);
    expect((await interviewer.sync()).version).toBe(scored);
    // A different command id is a new command: refused, one score per side.
    expect(
      await candidate.socket.emitWithAck('score:submit', { ...score, commandId: cid() }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    interviewer.close();
    candidate.close();
  });

  it('applies a command once when its ack was lost, or the command itself, and it is resent', async () => {
    const loop = await client.createPaired();
    let interviewer = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    const candidate = await client.join('candidate', loop.id, loop.tokens.candidate);
    const started = versionOf(
      await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }),
    );

    // The command reaches the server but its ack never reaches the interviewer (sent without
    // an ack callback, the server has nobody to answer), who then drops off.
    const hint = { commandId: cid(), round: 0, index: 0 };
    const emitWithoutAck = interviewer.socket.emit.bind(interviewer.socket) as (
      event: string,
      payload: unknown,
    ) => void;
    emitWithoutAck('hint:reveal', hint);
    const applied = await until('the candidate to see the ack-less hint', () =>
      candidate.views.find((view) => view.rounds[0]!.question.hints.length === 1),
    );
    expect(applied.version).toBe(started + 1);
    interviewer.close();
    await candidate.presenceIs({ candidate: true, interviewer: false, observer: false });
    interviewer = await client.join('interviewer (back online)', loop.id, loop.tokens.interviewer);
    expect(interviewer.views[0]).toMatchObject({ role: 'interviewer', version: started + 1 });
    // The client resends what it never saw acknowledged: answered with the version it made.
    expect(await interviewer.socket.emitWithAck('hint:reveal', hint)).toEqual({
      ok: true,
      data: { version: started + 1 },
    });
    const synced = await candidate.sync();
    expect(synced.version).toBe(started + 1);
    expect(synced.rounds[0]!.question.hints).toHaveLength(1);

    // The interviewer extends the clock and drops off at once, before any ack can come
    // back (the server may not even have handled it). Resent after reconnecting, it is
    // applied exactly once: one version, five minutes.
    const before = synced.rounds[0]!.clock as { phaseEndsAt: number };
    const extend = { commandId: cid(), round: 0, minutes: 5 };
    let lateAcks = 0;
    interviewer.socket.emit('timer:extend', extend, () => lateAcks++);
    interviewer.close();
    interviewer = await client.join('interviewer (back online)', loop.id, loop.tokens.interviewer);
    expect(interviewer.views[0]!.role).toBe('interviewer');
    expect(await interviewer.socket.emitWithAck('timer:extend', extend)).toEqual({
      ok: true,
      data: { version: started + 2 },
    });
    expect(await interviewer.socket.emitWithAck('timer:extend', extend)).toEqual({
      ok: true,
      data: { version: started + 2 },
    });
    const after = await interviewer.sync();
    expect(after.version).toBe(started + 2);
    expect(after.rounds[0]!.clock).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: before.phaseEndsAt + 5 * MINUTE_MS,
    });
    expect((await candidate.atVersion(started + 2)).rounds[0]!.clock).toEqual(
      after.rounds[0]!.clock,
    );
    expect(lateAcks).toBe(0);
    interviewer.close();
    candidate.close();
  });

  it("rotates the candidate's token: the old one is shut out at once, the new one works", async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, observer } = await client.joinAll(loop);
    // Only the interviewer may.
    expect(
      await candidate.socket.emitWithAck('token:rotate', { commandId: cid(), role: 'candidate' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    const reply = await interviewer.socket.emitWithAck('token:rotate', {
      commandId: cid(),
      role: 'candidate',
    });
    if (!reply.ok) throw new Error(reply.error.message);
    const fresh = reply.data.token;
    expect(fresh).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(fresh).not.toBe(loop.tokens.candidate);

    await until(
      'the old candidate socket to be disconnected',
      () => candidate.disconnectReason ?? undefined,
    );
    expect(candidate.disconnectReason).toBe('io server disconnect');
    await interviewer.presenceIs({ candidate: false, interviewer: true, observer: true });
    await observer.presenceIs({ candidate: false, interviewer: true, observer: true });
    expect(interviewer.socket.connected).toBe(true);
    expect(observer.socket.connected).toBe(true);
    // The new token never went anywhere but the interviewer's ack.
    expect(JSON.stringify([candidate.views, observer.views, interviewer.views])).not.toContain(
      fresh,
    );

    expect(await client.handshake(loop.id, loop.tokens.candidate)).toMatch(/^not-found/);
    await client.getView(loop.id, loop.tokens.candidate).expect(404);
    await request(client.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(404);

    const renewed = await client.join('candidate (new link)', loop.id, fresh);
    expect(renewed.views[0]).toMatchObject({ role: 'candidate', id: loop.id });
    await interviewer.presenceIs({ candidate: true, interviewer: true, observer: true });
    expect((await client.getView(loop.id, fresh).expect(200)).body.role).toBe('candidate');
    expect((await writeNotes(renewed.socket, 0, 'hi')).ok).toBe(true);
    const read = await new DocEditor(interviewer.socket, { kind: 'notes', round: 0 }).join();
    expect(read.textOf().toString()).toBe('hi');
    read.close();

    // The other links still work.
    expect(await client.handshake(loop.id, loop.tokens.interviewer)).toBe('connected');
    expect(await client.handshake(loop.id, loop.tokens.observer)).toBe('connected');
    interviewer.close();
    observer.close();
    renewed.close();
  });

  it("rotates the observer's token without disturbing the candidate", async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, observer } = await client.joinAll(loop);
    const reply = await interviewer.socket.emitWithAck('token:rotate', {
      commandId: cid(),
      role: 'observer',
    });
    if (!reply.ok) throw new Error(reply.error.message);
    await until('the observer to be disconnected', () => observer.disconnectReason ?? undefined);
    await candidate.presenceIs({ candidate: true, interviewer: true, observer: false });
    expect(candidate.socket.connected).toBe(true);
    expect(await client.handshake(loop.id, loop.tokens.observer)).toMatch(/^not-found/);
    expect(await client.handshake(loop.id, loop.tokens.candidate)).toBe('connected');
    const renewed = await client.join('observer (new link)', loop.id, reply.data.token);
    expect(renewed.views[0]!.role).toBe('observer');
    expect(JSON.stringify(candidate.views)).not.toContain(reply.data.token);
    interviewer.close();
    candidate.close();
    renewed.close();
  });

  it('swaps roles into a new loop once a paired loop has ended', async () => {
    const rounds = [
      { id: 'screen', minutes: 20 },
      { id: 'behavioral', minutes: 30 },
    ];
    const loop = await client.createPaired(rounds, { targetLevel: 'L4' });
    const { interviewer, candidate, all } = await client.joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));
    versionOf(await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 0 }));
    const ended = versionOf(
      await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 1 }),
    );
    expect((await candidate.atVersion(ended)).status).toBe('ended');
    const old = await interviewer.sync();

    const swapId = cid();
    const reply = await candidate.socket.emitWithAck('loop:swap', { commandId: swapId });
    if (!reply.ok) throw new Error(reply.error.message);
    const { nextLoopId } = reply.data;
    expect(nextLoopId).not.toBe(loop.id);
    for (const peer of all) {
      const told = await until(`${peer.name} to hear of the next loop`, () =>
        peer.views.find((view) => view.nextLoopId !== null),
      );
      expect(told.nextLoopId, peer.name).toBe(nextLoopId);
      expect(told.role, peer.name).toBe(peer.name);
    }

    // Asking again, from either side, gives the same next loop.
    expect(await interviewer.socket.emitWithAck('loop:swap', { commandId: cid() })).toEqual({
      ok: true,
      data: { nextLoopId },
    });
    expect(await candidate.socket.emitWithAck('loop:swap', { commandId: swapId })).toEqual({
      ok: true,
      data: { nextLoopId },
    });

    // The same links open the next loop with the roles reversed.
    const newCandidate = await client.join('old interviewer', nextLoopId, loop.tokens.interviewer);
    const newInterviewer = await client.join('old candidate', nextLoopId, loop.tokens.candidate);
    const newObserver = await client.join('observer', nextLoopId, loop.tokens.observer);
    expect(newCandidate.views[0]).toMatchObject({
      id: nextLoopId,
      mode: 'paired',
      role: 'candidate',
      status: 'in-progress',
      version: 1,
      nextLoopId: null,
    });
    expect(newInterviewer.views[0]).toMatchObject({
      id: nextLoopId,
      role: 'interviewer',
      targetLevel: 'L4',
    });
    expect(newObserver.views[0]).toMatchObject({ id: nextLoopId, role: 'observer' });
    expect((await client.getView(nextLoopId, loop.tokens.interviewer).expect(200)).body.role).toBe(
      'candidate',
    );
    expect((await client.getView(nextLoopId, loop.tokens.candidate).expect(200)).body.role).toBe(
      'interviewer',
    );
    // The old loop still opens in the old roles.
    expect((await client.getView(loop.id, loop.tokens.interviewer).expect(200)).body.role).toBe(
      'interviewer',
    );
    expect((await client.getView(loop.id, loop.tokens.candidate).expect(200)).body.role).toBe(
      'candidate',
    );

    // Same rounds and minutes, new questions.
    const next = newInterviewer.views[0]!;
    const shape = (view: LoopView) =>
      view.rounds.map((r) => ({ roundId: r.roundId, minutes: r.minutes, phases: r.phases }));
    expect(shape(next)).toEqual(shape(old));
    expect(next.rounds.map((r) => r.minutes)).toEqual([20, 30]);
    const oldQuestions = old.rounds.map((r) => r.question.id);
    const newQuestions = next.rounds.map((r) => r.question.id);
    expect(newQuestions.some((q, i) => q !== oldQuestions[i])).toBe(true);
    // Every bank has a dozen questions: each round gets a new one.
    newQuestions.forEach((q, i) => expect(q, `round ${i}`).not.toBe(oldQuestions[i]));

    // The new roles hold: the old candidate runs the clock now, the old interviewer cannot.
    expect(
      await newCandidate.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const started = versionOf(
      await newInterviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }),
    );
    expect((await newCandidate.atVersion(started)).rounds[0]!.status).toBe('in-progress');
    expect(newCandidate.latest.rounds[0]).not.toHaveProperty('privateNotes');
    // The old loop's sockets heard nothing of the new loop's start.
    await candidate.flush();
    expect(candidate.views.every((view) => view.id === loop.id)).toBe(true);

    for (const peer of [...all, newCandidate, newInterviewer, newObserver]) peer.close();
  });

  it('refuses to swap an unfinished or a solo loop, and the observer may not swap', async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    for (const peer of [interviewer, candidate]) {
      expect(
        await peer.socket.emitWithAck('loop:swap', { commandId: cid() }),
        peer.name,
      ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    }
    versionOf(await interviewer.socket.emitWithAck('loop:end', { commandId: cid() }));
    expect(await observer.socket.emitWithAck('loop:swap', { commandId: cid() })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    const ended = await interviewer.sync();
    expect(ended.nextLoopId).toBeNull();

    const solo = await client.createLoop('solo', [{ id: 'screen' }]);
    const soloCandidate = await client.join('solo candidate', solo.id, solo.tokens.candidate!);
    expect(await soloCandidate.socket.emitWithAck('loop:swap', { commandId: cid() })).toMatchObject(
      { ok: false },
    );
    versionOf(await soloCandidate.socket.emitWithAck('loop:end', { commandId: cid() }));
    const refused = await soloCandidate.socket.emitWithAck('loop:swap', { commandId: cid() });
    expect(refused).toMatchObject({ ok: false });
    expect((await soloCandidate.sync()).nextLoopId).toBeNull();
    soloCandidate.close();
    for (const peer of all) peer.close();
  });

  it('does not let the observer swap even after the pair has swapped', async () => {
    const loop = await client.createPaired([{ id: 'screen' }]);
    const { interviewer, observer, all } = await client.joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('loop:end', { commandId: cid() }));
    const swapped = await interviewer.socket.emitWithAck('loop:swap', { commandId: cid() });
    expect(swapped.ok).toBe(true);
    // The protocol: "The observer sends no commands but clock:ping and loop:sync."
    expect(await observer.socket.emitWithAck('loop:swap', { commandId: cid() })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
    for (const peer of all) peer.close();
  });
});
