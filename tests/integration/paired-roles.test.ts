/**
 * A paired loop driven from the outside: real Socket.IO clients for the interviewer, the
 * candidate and the observer against a real server whose clock only moves when told.
 * Every step checks the sender's acknowledgement and what the other side received.
 * This file: who joins and who is present, who may do what, the clock, notes and private
 * notes, pushed follow-ups and revealed hints.
 */
import request from 'supertest';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocRef } from '../../shared/src/docs';
import { MINUTE_MS } from '../../shared/src/timer';
import { DocEditor } from '../helpers/docs';
import {
  card,
  commandIds,
  pairedServer,
  questionOf,
  until,
  versionOf,
  type Peer,
} from '../helpers/paired';

/** This file's own server, on a clock that moves only when told, and a client of it. */
const { client, clock } = pairedServer();

/** A fresh, valid command id. */
const cid = commandIds('paired-cmd');

/** A Yjs update that writes `text` into a document's `text` (notes, private notes). */
function typed(text: string): Uint8Array {
  const doc = new Y.Doc();
  doc.getText('text').insert(0, text);
  return Y.encodeStateAsUpdate(doc);
}

/** Every document relay a peer receives, from now on. */
function relaysTo(peer: Peer): { doc: DocRef; text: string }[] {
  const relays: { doc: DocRef; text: string }[] = [];
  peer.socket.on('doc:edited', ({ doc, update }) => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, new Uint8Array(update));
    relays.push({ doc, text: copy.getText('text').toString() });
  });
  return relays;
}

describe('a paired loop over Socket.IO', () => {
  it('sends each role its own view on connect, and presence tells each side who is connected', async () => {
    const loop = await client.createPaired();
    const interviewer = await client.join('interviewer', loop.id, loop.tokens.interviewer);
    expect(interviewer.views[0]).toMatchObject({
      id: loop.id,
      mode: 'paired',
      role: 'interviewer',
      version: 1,
      serverNow: clock.now(),
      permissions: {
        control: true,
        notes: false,
        revealHints: true,
        scoreAs: 'partner',
        interview: true,
        swap: true,
      },
    });
    const staffQuestion = interviewer.views[0]!.rounds[0]!.question;
    const bank = questionOf(interviewer.views[0]!, 0);
    expect(interviewer.views[0]!.rounds[0]!.privateNotes).toBe('');
    expect(staffQuestion.hints.map((h) => h.text)).toEqual(bank.hints);
    expect(staffQuestion.hints.every((h) => h.revealedAt === null)).toBe(true);
    expect(staffQuestion.followUps.map((f) => f.text)).toEqual(bank.followUps.map((f) => f.text));
    expect(staffQuestion.signals).toEqual(bank.signals);
    expect(staffQuestion.redFlags).toEqual(bank.redFlags);
    await interviewer.presenceIs({ candidate: false, interviewer: true, observer: false });

    const candidate = await client.join('candidate', loop.id, loop.tokens.candidate);
    const candidateView = candidate.views[0]!;
    expect(candidateView).toMatchObject({
      id: loop.id,
      mode: 'paired',
      role: 'candidate',
      version: 1,
      permissions: {
        control: false,
        notes: true,
        revealHints: false,
        scoreAs: 'self',
        interview: false,
        swap: true,
      },
    });
    for (const round of candidateView.rounds) {
      expect(round).not.toHaveProperty('privateNotes');
      expect(round.question).not.toHaveProperty('signals');
      expect(round.question).not.toHaveProperty('redFlags');
      expect(round.question.hints).toEqual([]);
      expect(round.question.followUps).toEqual([]);
      expect(round.question.hintCount).toBeGreaterThan(0);
    }
    // Both sides hear that the other is there.
    await candidate.presenceIs({ candidate: true, interviewer: true, observer: false });
    await interviewer.presenceIs({ candidate: true, interviewer: true, observer: false });

    const observer = await client.join('observer', loop.id, loop.tokens.observer);
    expect(observer.views[0]).toMatchObject({
      role: 'observer',
      permissions: {
        control: false,
        notes: false,
        revealHints: false,
        scoreAs: null,
        interview: false,
        swap: false,
      },
    });
    expect(observer.views[0]!.rounds[0]!.privateNotes).toBe('');
    expect(observer.views[0]!.rounds[0]!.question.signals).toEqual(bank.signals);
    const everyone = { candidate: true, interviewer: true, observer: true };
    for (const peer of [interviewer, candidate, observer]) await peer.presenceIs(everyone);

    // REST answers each token with the same role's view.
    for (const role of ['candidate', 'interviewer', 'observer'] as const) {
      const res = await client.getView(loop.id, loop.tokens[role]).expect(200);
      expect(res.body).toMatchObject({ id: loop.id, role, version: 1 });
    }

    // A disconnect is reflected on the other side, and so is the return.
    candidate.close();
    await interviewer.presenceIs({ candidate: false, interviewer: true, observer: true });
    await observer.presenceIs({ candidate: false, interviewer: true, observer: true });
    const back = await client.join('candidate again', loop.id, loop.tokens.candidate);
    expect(back.views[0]).toMatchObject({ role: 'candidate', version: 1 });
    await interviewer.presenceIs(everyone);
    await back.presenceIs(everyone);

    interviewer.close();
    await back.presenceIs({ candidate: true, interviewer: false, observer: true });
    await observer.presenceIs({ candidate: true, interviewer: false, observer: true });
    back.close();
    observer.close();
  });

  it('lets only the interviewer run the loop: the candidate and the observer are forbidden', async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    const round = 0;
    const interviewerOnly: [string, object][] = [
      ['round:start', { round }],
      ['timer:pause', { round }],
      ['timer:resume', { round }],
      ['timer:extend', { round, minutes: 2 }],
      ['phase:next', { round }],
      ['round:end', { round }],
      ['round:next', { round }],
      ['question:change', { round }],
      ['loop:end', {}],
      ['hint:reveal', { round, index: 0 }],
      ['followup:push', { round, index: 0 }],
      ['question:change', { round, part: 'lp' }],
      ['hint:reveal', { round, index: 0, part: 'lp' }],
      ['followup:push', { round, index: 0, part: 'lp' }],
      ['token:rotate', { role: 'observer' }],
      ['token:rotate', { role: 'candidate' }],
    ];
    const everything: [string, object][] = [
      ...interviewerOnly,
      ['score:submit', { round, card: card('screen', 3, 'x') }],
      ['loop:swap', {}],
    ];
    const seen = all.map((peer) => peer.views.length);
    const relays = all.map(relaysTo);
    // Typing is not a command: each document's edit is refused to whom may not write it.
    const notes: DocRef = { kind: 'notes', round };
    const privateNotes: DocRef = { kind: 'private-notes', round };
    const edit = (peer: Peer, doc: DocRef, text: string) =>
      peer.emit('doc:edit', { doc, update: typed(text) });

    for (const [event, payload] of interviewerOnly) {
      const reply = await candidate.emit(event, { commandId: cid(), ...payload });
      expect(reply, `candidate ${event}`).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    expect(
      await edit(candidate, privateNotes, 'interviewer only'),
      'candidate private notes',
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    for (const [event, payload] of everything) {
      const reply = await observer.emit(event, { commandId: cid(), ...payload });
      expect(reply, `observer ${event}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    for (const doc of [notes, privateNotes])
      expect(await edit(observer, doc, 'observer typed'), `observer ${doc.kind}`).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    // The interviewer does not write in the candidate's workspace.
    expect(await edit(interviewer, notes, 'not mine')).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });

    // Nothing changed and nobody was told anything: no view, no relay, and nothing typed is
    // stored (a view would save it into the log first, as a new version).
    for (const peer of all) await peer.flush();
    expect(all.map((peer) => peer.views.length)).toEqual(seen);
    expect(relays.flat()).toEqual([]);
    const synced = await interviewer.sync();
    expect(synced.version).toBe(1);
    expect(synced.rounds[0]!.privateNotes).toBe('');
    expect(synced.rounds[0]!.notes).not.toContain('not mine');
    expect(synced.rounds[0]!.notes).not.toContain('observer typed');
    expect(observer.disconnectReason).toBeNull();
    expect(candidate.disconnectReason).toBeNull();
    expect(await client.handshake(loop.id, loop.tokens.observer)).toBe('connected');

    // The observer may still ping and sync.
    expect(await observer.socket.emitWithAck('clock:ping', { sentAt: 1 })).toEqual({
      ok: true,
      data: { serverNow: clock.now() },
    });
    expect(await observer.sync()).toMatchObject({ role: 'observer', version: 1 });

    // The interviewer can, and the others see it.
    const started = versionOf(
      await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round }),
    );
    expect(started).toBe(2);
    for (const peer of all) {
      expect((await peer.atVersion(started)).rounds[0]!.status, peer.name).toBe('in-progress');
    }
    for (const peer of all) peer.close();
  });

  it('runs the clock from the interviewer: the candidate receives the very same clock', async () => {
    const loop = await client.createPaired([{ id: 'screen', minutes: 20 }, { id: 'behavioral' }]);
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    const phases = interviewer.latest.rounds[0]!.phases;

    /** Sends a clock command as the interviewer; checks every role got the same clock. */
    async function control(
      event: 'round:start' | 'timer:pause' | 'timer:resume' | 'phase:next' | 'round:end',
    ) {
      const version = versionOf(
        await interviewer.socket.emitWithAck(event, { commandId: cid(), round: 0 }),
      );
      const [i, c, o] = await Promise.all(all.map((peer) => peer.atVersion(version)));
      expect(c!.rounds[0]!.clock, `${event}: candidate clock`).toEqual(i!.rounds[0]!.clock);
      expect(o!.rounds[0]!.clock, `${event}: observer clock`).toEqual(i!.rounds[0]!.clock);
      expect(c!.rounds[0]!.status).toBe(i!.rounds[0]!.status);
      expect(c!.serverNow).toBe(clock.now());
      return c!.rounds[0]!;
    }

    const startedAt = clock.now();
    expect((await control('round:start')).clock).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: startedAt + phases[0]!.minutes * MINUTE_MS,
    });

    await clock.advance(MINUTE_MS);
    expect((await control('timer:pause')).clock).toEqual({
      kind: 'paused',
      phase: 0,
      remainingMs: (phases[0]!.minutes - 1) * MINUTE_MS,
    });
    // Pausing a paused clock changes nothing.
    const v = candidate.latest.version;
    expect(
      await interviewer.socket.emitWithAck('timer:pause', { commandId: cid(), round: 0 }),
    ).toEqual({ ok: true, data: { version: v } });

    await clock.advance(10 * MINUTE_MS);
    expect((await control('timer:resume')).clock).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: clock.now() + (phases[0]!.minutes - 1) * MINUTE_MS,
    });

    const before = candidate.latest.rounds[0]!.clock as { phaseEndsAt: number };
    const extended = versionOf(
      await interviewer.socket.emitWithAck('timer:extend', {
        commandId: cid(),
        round: 0,
        minutes: 3,
      }),
    );
    const [iv, cv] = await Promise.all([
      interviewer.atVersion(extended),
      candidate.atVersion(extended),
    ]);
    expect(cv.rounds[0]!.clock).toEqual(iv.rounds[0]!.clock);
    expect(cv.rounds[0]!.clock).toEqual({
      kind: 'running',
      phase: 0,
      phaseEndsAt: before.phaseEndsAt + 3 * MINUTE_MS,
    });

    expect((await control('phase:next')).clock).toEqual({
      kind: 'running',
      phase: 1,
      phaseEndsAt: clock.now() + phases[1]!.minutes * MINUTE_MS,
    });

    // The server ends the phase by itself; everyone hears the same.
    const phase2 = candidate.views.length;
    await clock.advance(phases[1]!.minutes * MINUTE_MS);
    const expired = await until('the phase to expire on the candidate side', () =>
      candidate.views.slice(phase2).find((view) => view.rounds[0]!.clock.kind === 'running'),
    );
    expect(expired.rounds[0]!.clock).toMatchObject({ kind: 'running', phase: 2 });
    expect((await interviewer.atVersion(expired.version)).rounds[0]!.clock).toEqual(
      expired.rounds[0]!.clock,
    );

    const ended = await control('round:end');
    expect(ended.clock).toEqual({ kind: 'finished' });
    expect(ended.status).toBe('scoring');

    const next = versionOf(
      await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 0 }),
    );
    const moved = await candidate.atVersion(next);
    expect(moved.current).toBe(1);
    expect(moved.rounds[0]!.status).toBe('done');
    expect(moved.rounds[1]).toMatchObject({ status: 'pending', clock: { kind: 'not-started' } });
    // A stale round index is a conflict.
    expect(
      await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(observer.latest.version).toBe(next);
    for (const peer of all) peer.close();
  });

  it("shares the candidate's notes with the interviewer; private notes reach the observer, never the candidate", async () => {
    const loop = await client.createPaired();
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));
    const candidateRelays = relaysTo(candidate);
    const observerRelays = relaysTo(observer);

    // The notes: typed by the candidate, relayed at once to the interviewer and the observer.
    const notesRef: DocRef = { kind: 'notes', round: 0 };
    const [mine, theirs, watched] = await Promise.all(
      [candidate, interviewer, observer].map((peer) => new DocEditor(peer.socket, notesRef).join()),
    );
    const notes = 'Candidate notes: led the ranking rewrite, +4% CTR';
    expect(await mine!.set(notes)).toEqual({ ok: true, data: {} });
    for (const [editor, name] of [
      [theirs!, 'interviewer'],
      [watched!, 'observer'],
    ] as const)
      await until(`the ${name} to receive the notes`, () =>
        editor.textOf().toString() === notes ? true : undefined,
      );
    // Saved into the log before any view is handed out: every role's view has them.
    const noted = await candidate.sync();
    expect(noted.rounds[0]!.notes).toBe(notes);
    expect((await interviewer.sync()).rounds[0]!.notes).toBe(notes);
    expect((await observer.sync()).rounds[0]!.notes).toBe(notes);

    // The private notes: typed by the interviewer, relayed to the observer only.
    const privateRef: DocRef = { kind: 'private-notes', round: 0 };
    const own = await new DocEditor(interviewer.socket, privateRef).join();
    const observed = await new DocEditor(observer.socket, privateRef).join();
    const secret = 'Interviewer private: vague on metrics, probe ownership';
    expect(await own.set(secret)).toEqual({ ok: true, data: {} });
    await until('the observer to receive the private notes', () =>
      observed.textOf().toString() === secret ? true : undefined,
    );
    expect(observerRelays.filter((r) => r.doc.kind === 'private-notes').at(-1)?.text).toBe(secret);
    const privately = await interviewer.sync();
    expect(privately.version).toBe(noted.version + 1);
    expect(privately.rounds[0]!.privateNotes).toBe(secret);
    expect((await observer.sync()).rounds[0]!.privateNotes).toBe(secret);
    const candidateView = await candidate.atVersion(privately.version);
    expect(candidateView.rounds[0]).not.toHaveProperty('privateNotes');
    expect(
      (await client.getView(loop.id, loop.tokens.observer).expect(200)).body.rounds[0].privateNotes,
    ).toBe(secret);

    // The candidate may neither read nor write them.
    const refusedSync = await candidate.emit('doc:sync', {
      doc: privateRef,
      stateVector: Y.encodeStateVector(new Y.Doc()),
    });
    expect(refusedSync).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(
      await candidate.emit('doc:edit', { doc: privateRef, update: typed('Interviewer private?') }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const rest = await client.getView(loop.id, loop.tokens.candidate).expect(200);
    const report = await request(client.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    await candidate.flush();
    // Nothing of the private notes reached the candidate, on any channel.
    expect(candidateRelays.map((r) => r.doc.kind)).not.toContain('private-notes');
    for (const payload of [
      ...candidate.views,
      await candidate.sync(),
      rest.body,
      report.body,
      candidateRelays,
      refusedSync,
    ])
      expect(JSON.stringify(payload)).not.toContain('Interviewer private');
    for (const peer of all) peer.close();
  });

  it('shows the candidate exactly the follow-up pushed and the hint revealed', async () => {
    const loop = await client.createPaired([{ id: 'coding' }]);
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    const question = questionOf(interviewer.latest, 0);
    expect(question.hints.length).toBeGreaterThanOrEqual(2);
    expect(question.followUps.length).toBeGreaterThanOrEqual(3);

    // Neither before the round runs.
    expect(
      await interviewer.socket.emitWithAck('hint:reveal', { commandId: cid(), round: 0, index: 0 }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    expect(
      await interviewer.socket.emitWithAck('followup:push', {
        commandId: cid(),
        round: 0,
        index: 1,
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));

    await clock.advance(90_000);
    const pushedAt = clock.now();
    const pushed = versionOf(
      await interviewer.socket.emitWithAck('followup:push', {
        commandId: cid(),
        round: 0,
        index: 1,
      }),
    );
    const f1 = question.followUps[1]!;
    expect((await candidate.atVersion(pushed)).rounds[0]!.question.followUps).toEqual([
      { index: 1, text: f1.text, constraintChange: f1.constraintChange, pushedAt },
    ]);

    await clock.advance(60_000);
    const revealedAt = clock.now();
    const revealed = versionOf(
      await interviewer.socket.emitWithAck('hint:reveal', { commandId: cid(), round: 0, index: 0 }),
    );
    expect(revealed).toBe(pushed + 1);
    const seen = (await candidate.atVersion(revealed)).rounds[0]!.question;
    expect(seen.hints).toEqual([{ index: 0, text: question.hints[0], revealedAt }]);
    expect(seen.hintCount).toBe(question.hints.length);
    expect(seen.followUps.map((f) => f.index)).toEqual([1]);

    // Pushing the same follow-up again or revealing the same hint changes nothing; skipping a
    // hint is refused.
    const views = candidate.views.length;
    expect(
      await interviewer.socket.emitWithAck('followup:push', {
        commandId: cid(),
        round: 0,
        index: 1,
      }),
    ).toEqual({ ok: true, data: { version: revealed } });
    expect(
      await interviewer.socket.emitWithAck('hint:reveal', { commandId: cid(), round: 0, index: 0 }),
    ).toEqual({ ok: true, data: { version: revealed } });
    expect(
      await interviewer.socket.emitWithAck('hint:reveal', { commandId: cid(), round: 0, index: 2 }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(
      await interviewer.socket.emitWithAck('followup:push', {
        commandId: cid(),
        round: 0,
        index: 9,
      }),
    ).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    await candidate.flush();
    expect(candidate.views.length).toBe(views);

    // The interviewer and the observer see the whole ladder with what was shown when.
    for (const peer of [interviewer, observer]) {
      const q = (await peer.atVersion(revealed)).rounds[0]!.question;
      expect(q.hints.map((h) => h.revealedAt)).toEqual(
        question.hints.map((_, i) => (i === 0 ? revealedAt : null)),
      );
      expect(q.followUps.map((f) => f.pushedAt)).toEqual(
        question.followUps.map((_, i) => (i === 1 ? pushedAt : null)),
      );
    }

    // Nothing else ever reached the candidate.
    const hidden = [
      ...question.hints.slice(1),
      ...question.followUps.filter((_, i) => i !== 1).map((f) => f.text),
    ];
    const candidatePayloads = JSON.stringify([candidate.views, await candidate.sync()]);
    for (const text of hidden)
      expect(candidatePayloads).not.toContain(JSON.stringify(text).slice(1, -1));
    for (const peer of all) peer.close();
  });
});
