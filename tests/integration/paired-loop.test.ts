/**
 * A paired loop driven from the outside: real Socket.IO clients for the interviewer, the
 * candidate and the observer against a real server whose clock only moves when told.
 * Every step checks the sender's acknowledgement and what the other side received.
 */
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/src/errors';
import type { LoopView } from '../../shared/src/loop/project';
import type { Role } from '../../shared/src/loop/state';
import { PROTOCOL_VERSION, type Presence } from '../../shared/src/protocol';
import { MINUTE_MS } from '../../shared/src/timer';
import { content, ratingsFor } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';
import {
  startTestServer,
  tryConnect,
  type TestServer,
  type TestSocket,
} from '../helpers/test-server';

const clock = new FakeClock(Date.now());
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server.close());

let n = 0;
/** A fresh, valid command id. */
const cid = () => `paired-cmd-${++n}`;

type Tokens = Record<Role, string>;
interface PairedLoop {
  id: string;
  tokens: Tokens;
}

const TWO_ROUNDS = [{ id: 'screen' }, { id: 'behavioral' }];

async function createLoop(mode: 'solo' | 'paired', rounds: object[] = TWO_ROUNDS) {
  const res = await request(server.url).post('/api/loops').send({ mode, rounds }).expect(201);
  return res.body as { id: string; tokens: Partial<Tokens> };
}

async function createPaired(rounds: object[] = TWO_ROUNDS): Promise<PairedLoop> {
  const body = await createLoop('paired', rounds);
  const { candidate, interviewer, observer } = body.tokens;
  if (!candidate || !interviewer || !observer) throw new Error('a paired loop has three tokens');
  return { id: body.id, tokens: { candidate, interviewer, observer } };
}

/** Polls until `get` yields a value: finds what already arrived as well as what is to come. */
async function until<T>(what: string, get: () => T | undefined, ms = 4000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

type AnyAck = Ack<Record<string, unknown>>;

/** One participant's socket, with everything it received recorded from the start. */
class Peer {
  readonly views: LoopView[] = [];
  readonly presence: Presence[] = [];
  disconnectReason: string | null = null;

  private constructor(
    readonly name: string,
    readonly socket: TestSocket,
  ) {
    socket.on('loop:updated', (view) => this.views.push(view));
    socket.on('presence:changed', (presence) => this.presence.push(presence));
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
    });
  }

  static async join(name: string, loopId: string, token: string): Promise<Peer> {
    const socket: TestSocket = connect(server.url, {
      auth: { loopId, token, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      autoConnect: false,
    });
    const peer = new Peer(name, socket);
    const refused = new Promise<never>((_, reject) =>
      socket.once('connect_error', (error) => reject(new Error(`${name}: ${error.message}`))),
    );
    socket.connect();
    await Promise.race([until(`${name}'s first view`, () => peer.views[0]), refused]);
    return peer;
  }

  get latest(): LoopView {
    const view = this.views.at(-1);
    if (!view) throw new Error(`${this.name} has no view`);
    return view;
  }

  /** The view this peer received at `version`, waiting for it if need be. */
  atVersion(version: number): Promise<LoopView> {
    return until(`${this.name}'s view at version ${version}`, () =>
      this.views.find((view) => view.version === version),
    );
  }

  /** Waits until the latest presence this peer was told about equals `expected`. */
  presenceIs(expected: Presence): Promise<Presence> {
    return until(`${this.name} told presence ${JSON.stringify(expected)}`, () => {
      const last = this.presence.at(-1);
      return last && JSON.stringify(last) === JSON.stringify(expected) ? last : undefined;
    });
  }

  /** Sends any event, untyped: for refusals and for loops over every command. */
  emit(event: string, payload: unknown): Promise<AnyAck> {
    const emit = this.socket.emitWithAck.bind(this.socket) as (
      event: string,
      payload: unknown,
    ) => Promise<AnyAck>;
    return emit(event, payload);
  }

  /** The loop as the server has it now, for this role. */
  async sync(): Promise<LoopView> {
    const reply = await this.socket.emitWithAck('loop:sync', {});
    if (!reply.ok) throw new Error(`${this.name}: loop:sync refused: ${reply.error.message}`);
    return reply.data;
  }

  /**
   * A round trip to the server: any broadcast caused before this call reached the server
   * has been received once it resolves (one connection delivers in order).
   */
  async flush(): Promise<void> {
    await this.socket.emitWithAck('clock:ping', { sentAt: 0 });
  }

  close(): void {
    this.socket.disconnect();
  }
}

/** The version a command produced; fails with the server's reason if it was refused. */
function versionOf(ack: Ack<{ version: number }>): number {
  if (!ack.ok) throw new Error(`command refused: ${ack.error.code}: ${ack.error.message}`);
  return ack.data.version;
}

function card(roundId: string, vote: 1 | 2 | 3 | 4, justification: string) {
  return { ratings: ratingsFor(roundId, vote), vote, justification };
}

function questionOf(view: LoopView, round: number) {
  const r = view.rounds[round];
  if (!r) throw new Error(`no round ${round}`);
  const question = content.question(r.roundId, r.question.id);
  if (!question) throw new Error(`no question ${r.roundId}/${r.question.id}`);
  return question;
}

/** Connects and resolves with the refusal message, or 'connected'. */
const handshake = (loopId: string, token: string) =>
  tryConnect(server.url, { loopId, token, protocol: PROTOCOL_VERSION });

const getView = (loopId: string, token: string) =>
  request(server.url).get(`/api/loops/${loopId}`).set('Authorization', `Bearer ${token}`);

async function joinAll(loop: PairedLoop) {
  const interviewer = await Peer.join('interviewer', loop.id, loop.tokens.interviewer);
  const candidate = await Peer.join('candidate', loop.id, loop.tokens.candidate);
  const observer = await Peer.join('observer', loop.id, loop.tokens.observer);
  return { interviewer, candidate, observer, all: [interviewer, candidate, observer] };
}

describe('a paired loop over Socket.IO', () => {
  it('sends each role its own view on connect, and presence tells each side who is connected', async () => {
    const loop = await createPaired();
    const interviewer = await Peer.join('interviewer', loop.id, loop.tokens.interviewer);
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

    const candidate = await Peer.join('candidate', loop.id, loop.tokens.candidate);
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

    const observer = await Peer.join('observer', loop.id, loop.tokens.observer);
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
      const res = await getView(loop.id, loop.tokens[role]).expect(200);
      expect(res.body).toMatchObject({ id: loop.id, role, version: 1 });
    }

    // A disconnect is reflected on the other side, and so is the return.
    candidate.close();
    await interviewer.presenceIs({ candidate: false, interviewer: true, observer: true });
    await observer.presenceIs({ candidate: false, interviewer: true, observer: true });
    const back = await Peer.join('candidate again', loop.id, loop.tokens.candidate);
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
    const loop = await createPaired();
    const { interviewer, candidate, observer, all } = await joinAll(loop);
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
      ['private-notes:update', { round, text: 'interviewer only' }],
      ['token:rotate', { role: 'observer' }],
      ['token:rotate', { role: 'candidate' }],
    ];
    const everything: [string, object][] = [
      ...interviewerOnly,
      ['notes:update', { round, text: 'candidate only' }],
      ['score:submit', { round, card: card('screen', 3, 'x') }],
      ['loop:swap', {}],
    ];
    const seen = all.map((peer) => peer.views.length);

    for (const [event, payload] of interviewerOnly) {
      const reply = await candidate.emit(event, { commandId: cid(), ...payload });
      expect(reply, `candidate ${event}`).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    }
    for (const [event, payload] of everything) {
      const reply = await observer.emit(event, { commandId: cid(), ...payload });
      expect(reply, `observer ${event}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    // The interviewer does not write in the candidate's workspace.
    expect(
      await interviewer.emit('notes:update', { commandId: cid(), round, text: 'not mine' }),
    ).toMatchObject({ ok: false, error: { code: 'forbidden' } });

    // Nothing changed and nobody was told anything.
    for (const peer of all) await peer.flush();
    expect(all.map((peer) => peer.views.length)).toEqual(seen);
    expect((await interviewer.sync()).version).toBe(1);
    expect(observer.disconnectReason).toBeNull();
    expect(candidate.disconnectReason).toBeNull();
    expect(await handshake(loop.id, loop.tokens.observer)).toBe('connected');

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
    const loop = await createPaired([{ id: 'screen', minutes: 20 }, { id: 'behavioral' }]);
    const { interviewer, candidate, observer, all } = await joinAll(loop);
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

    clock.advance(MINUTE_MS);
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

    clock.advance(10 * MINUTE_MS);
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
    clock.advance(phases[1]!.minutes * MINUTE_MS);
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
    const loop = await createPaired();
    const { interviewer, candidate, observer, all } = await joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));

    const notes = 'Candidate notes: led the ranking rewrite, +4% CTR';
    const noted = versionOf(
      await candidate.socket.emitWithAck('notes:update', {
        commandId: cid(),
        round: 0,
        text: notes,
      }),
    );
    expect((await interviewer.atVersion(noted)).rounds[0]!.notes).toBe(notes);
    expect((await observer.atVersion(noted)).rounds[0]!.notes).toBe(notes);
    expect((await candidate.atVersion(noted)).rounds[0]!.notes).toBe(notes);

    const secret = 'Interviewer private: vague on metrics, probe ownership';
    const privately = versionOf(
      await interviewer.socket.emitWithAck('private-notes:update', {
        commandId: cid(),
        round: 0,
        text: secret,
      }),
    );
    expect(privately).toBe(noted + 1);
    expect((await interviewer.atVersion(privately)).rounds[0]!.privateNotes).toBe(secret);
    expect((await observer.atVersion(privately)).rounds[0]!.privateNotes).toBe(secret);
    const candidateView = await candidate.atVersion(privately);
    expect(candidateView.rounds[0]).not.toHaveProperty('privateNotes');
    expect(
      (await getView(loop.id, loop.tokens.observer).expect(200)).body.rounds[0].privateNotes,
    ).toBe(secret);
    const rest = await getView(loop.id, loop.tokens.candidate).expect(200);
    const report = await request(server.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    await candidate.flush();
    for (const payload of [...candidate.views, await candidate.sync(), rest.body, report.body])
      expect(JSON.stringify(payload)).not.toContain('Interviewer private');
    for (const peer of all) peer.close();
  });

  it('shows the candidate exactly the follow-up pushed and the hint revealed', async () => {
    const loop = await createPaired([{ id: 'coding' }]);
    const { interviewer, candidate, observer, all } = await joinAll(loop);
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

    clock.advance(90_000);
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

    clock.advance(60_000);
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

  it('keeps scores blind until both have scored, then shows both cards to both', async () => {
    const loop = await createPaired();
    const { interviewer, candidate, observer, all } = await joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));

    // The candidate scores only once the round is over; the interviewer may score during it.
    expect(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: card('screen', 4, 'too early'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    const partnerCard = card('screen', 2, 'Interviewer: thin on scope and impact');
    const scored = versionOf(
      await interviewer.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: partnerCard,
      }),
    );
    const blind = await candidate.atVersion(scored);
    expect(blind.rounds[0]!.scores).toEqual({ partner: { submitted: true, card: null } });
    expect(blind.rounds[0]!.scoresRevealed).toBe(false);
    expect(JSON.stringify(blind)).not.toContain('thin on scope');
    const own = await interviewer.atVersion(scored);
    expect(own.rounds[0]!.scores.partner).toEqual({
      submitted: true,
      card: { ...partnerCard, submittedAt: clock.now() },
    });
    expect((await observer.atVersion(scored)).rounds[0]!.scores.partner?.card).not.toBeNull();
    // One score per side.
    expect(
      await interviewer.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: partnerCard,
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });

    versionOf(await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 0 }));
    clock.advance(5_000);
    const selfCard = card('screen', 3, 'Candidate: I think it went fine');
    const selfScored = versionOf(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: selfCard,
      }),
    );
    const both = { ...selfCard, submittedAt: clock.now() };
    for (const peer of all) {
      const round = (await peer.atVersion(selfScored)).rounds[0]!;
      expect(round.scoresRevealed, peer.name).toBe(true);
      expect(round.scores, peer.name).toEqual({
        self: { submitted: true, card: both },
        partner: { submitted: true, card: own.rounds[0]!.scores.partner!.card },
      });
    }
    // The interviewer's view of round 1 before the candidate scored it: self submitted, blind.
    versionOf(await interviewer.socket.emitWithAck('round:next', { commandId: cid(), round: 0 }));
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 1 }));
    versionOf(await interviewer.socket.emitWithAck('round:end', { commandId: cid(), round: 1 }));
    const candidateFirst = versionOf(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 1,
        card: card('behavioral', 3, 'Candidate: round two'),
      }),
    );
    expect((await interviewer.atVersion(candidateFirst)).rounds[1]!.scores).toEqual({
      self: { submitted: true, card: null },
    });
    for (const peer of all) peer.close();
  });

  it("shows the interviewer's card to the candidate once the loop ends, even unscored by the candidate", async () => {
    const loop = await createPaired();
    const { interviewer, candidate, all } = await joinAll(loop);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));
    const partnerCard = card('screen', 3, 'Interviewer: solid fundamentals');
    const scored = versionOf(
      await interviewer.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: partnerCard,
      }),
    );
    expect((await candidate.atVersion(scored)).rounds[0]!.scores.partner).toEqual({
      submitted: true,
      card: null,
    });

    const ended = versionOf(await interviewer.socket.emitWithAck('loop:end', { commandId: cid() }));
    const view = await candidate.atVersion(ended);
    expect(view.status).toBe('ended');
    expect(view.rounds[0]!.scoresRevealed).toBe(true);
    expect(view.rounds[0]!.scores).toEqual({
      partner: { submitted: true, card: { ...partnerCard, submittedAt: clock.now() } },
    });
    expect(view.debrief).not.toBeNull();
    const report = await request(server.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(200);
    expect(report.body.rounds[0].partner).toMatchObject({
      vote: 3,
      justification: partnerCard.justification,
    });
    // Scoring is over once the loop has ended.
    expect(
      await candidate.socket.emitWithAck('score:submit', {
        commandId: cid(),
        round: 0,
        card: card('screen', 3, 'late'),
      }),
    ).toMatchObject({ ok: false, error: { code: 'conflict' } });
    for (const peer of all) peer.close();
  });

  it('applies resent commands once after a reconnect', async () => {
    const loop = await createPaired();
    const interviewer = await Peer.join('interviewer', loop.id, loop.tokens.interviewer);
    let candidate = await Peer.join('candidate', loop.id, loop.tokens.candidate);
    versionOf(await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }));

    const firstId = cid();
    const first = versionOf(
      await candidate.socket.emitWithAck('notes:update', {
        commandId: firstId,
        round: 0,
        text: 'first draft',
      }),
    );
    const second = versionOf(
      await candidate.socket.emitWithAck('notes:update', {
        commandId: cid(),
        round: 0,
        text: 'second draft',
      }),
    );
    expect(second).toBe(first + 1);

    candidate.close();
    await interviewer.presenceIs({ candidate: false, interviewer: true, observer: false });
    candidate = await Peer.join('candidate (reconnected)', loop.id, loop.tokens.candidate);
    expect(candidate.views[0]).toMatchObject({ role: 'candidate', version: second });
    expect(candidate.views[0]!.rounds[0]!.notes).toBe('second draft');

    // The first notes:update again: acknowledged with the version it produced, not re-applied.
    const interviewerSaw = interviewer.views.length;
    expect(
      await candidate.socket.emitWithAck('notes:update', {
        commandId: firstId,
        round: 0,
        text: 'first draft',
      }),
    ).toEqual({ ok: true, data: { version: first } });
    const synced = await candidate.sync();
    expect(synced.version).toBe(second);
    expect(synced.rounds[0]!.notes).toBe('second draft');
    await interviewer.flush();
    expect(interviewer.views.length).toBe(interviewerSaw);

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
    candidate = await Peer.join('candidate (reconnected twice)', loop.id, loop.tokens.candidate);
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
    const loop = await createPaired();
    let interviewer = await Peer.join('interviewer', loop.id, loop.tokens.interviewer);
    let candidate = await Peer.join('candidate', loop.id, loop.tokens.candidate);
    const started = versionOf(
      await interviewer.socket.emitWithAck('round:start', { commandId: cid(), round: 0 }),
    );

    // The command reaches the server but its ack never reaches the candidate (sent without
    // an ack callback, the server has nobody to answer), who then drops off.
    const notes = { commandId: cid(), round: 0, text: 'written while the train entered a tunnel' };
    const emitWithoutAck = candidate.socket.emit.bind(candidate.socket) as (
      event: string,
      payload: unknown,
    ) => void;
    emitWithoutAck('notes:update', notes);
    const applied = await until('the interviewer to see the ack-less notes', () =>
      interviewer.views.find((view) => view.rounds[0]!.notes === notes.text),
    );
    expect(applied.version).toBe(started + 1);
    candidate.close();
    await interviewer.presenceIs({ candidate: false, interviewer: true, observer: false });
    candidate = await Peer.join('candidate (back online)', loop.id, loop.tokens.candidate);
    expect(candidate.views[0]).toMatchObject({ role: 'candidate', version: started + 1 });
    // The client resends what it never saw acknowledged: answered with the version it made.
    expect(await candidate.socket.emitWithAck('notes:update', notes)).toEqual({
      ok: true,
      data: { version: started + 1 },
    });
    const synced = await candidate.sync();
    expect(synced.version).toBe(started + 1);
    expect(synced.rounds[0]!.notes).toBe(notes.text);

    // The interviewer extends the clock and drops off at once, before any ack can come
    // back (the server may not even have handled it). Resent after reconnecting, it is
    // applied exactly once: one version, five minutes.
    const before = synced.rounds[0]!.clock as { phaseEndsAt: number };
    const extend = { commandId: cid(), round: 0, minutes: 5 };
    let lateAcks = 0;
    interviewer.socket.emit('timer:extend', extend, () => lateAcks++);
    interviewer.close();
    interviewer = await Peer.join('interviewer (back online)', loop.id, loop.tokens.interviewer);
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
    const loop = await createPaired();
    const { interviewer, candidate, observer } = await joinAll(loop);
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

    expect(await handshake(loop.id, loop.tokens.candidate)).toMatch(/^not-found/);
    await getView(loop.id, loop.tokens.candidate).expect(404);
    await request(server.url)
      .get(`/api/loops/${loop.id}/report.json`)
      .set('Authorization', `Bearer ${loop.tokens.candidate}`)
      .expect(404);

    const renewed = await Peer.join('candidate (new link)', loop.id, fresh);
    expect(renewed.views[0]).toMatchObject({ role: 'candidate', id: loop.id });
    await interviewer.presenceIs({ candidate: true, interviewer: true, observer: true });
    expect((await getView(loop.id, fresh).expect(200)).body.role).toBe('candidate');
    const noted = versionOf(
      await renewed.socket.emitWithAck('notes:update', { commandId: cid(), round: 0, text: 'hi' }),
    );
    expect((await interviewer.atVersion(noted)).rounds[0]!.notes).toBe('hi');

    // The other links still work.
    expect(await handshake(loop.id, loop.tokens.interviewer)).toBe('connected');
    expect(await handshake(loop.id, loop.tokens.observer)).toBe('connected');
    interviewer.close();
    observer.close();
    renewed.close();
  });

  it("rotates the observer's token without disturbing the candidate", async () => {
    const loop = await createPaired();
    const { interviewer, candidate, observer } = await joinAll(loop);
    const reply = await interviewer.socket.emitWithAck('token:rotate', {
      commandId: cid(),
      role: 'observer',
    });
    if (!reply.ok) throw new Error(reply.error.message);
    await until('the observer to be disconnected', () => observer.disconnectReason ?? undefined);
    await candidate.presenceIs({ candidate: true, interviewer: true, observer: false });
    expect(candidate.socket.connected).toBe(true);
    expect(await handshake(loop.id, loop.tokens.observer)).toMatch(/^not-found/);
    expect(await handshake(loop.id, loop.tokens.candidate)).toBe('connected');
    const renewed = await Peer.join('observer (new link)', loop.id, reply.data.token);
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
    const loop = await createPaired(rounds);
    const { interviewer, candidate, observer, all } = await joinAll(loop);
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
    const newCandidate = await Peer.join('old interviewer', nextLoopId, loop.tokens.interviewer);
    const newInterviewer = await Peer.join('old candidate', nextLoopId, loop.tokens.candidate);
    const newObserver = await Peer.join('observer', nextLoopId, loop.tokens.observer);
    expect(newCandidate.views[0]).toMatchObject({
      id: nextLoopId,
      mode: 'paired',
      role: 'candidate',
      status: 'in-progress',
      version: 1,
      nextLoopId: null,
    });
    expect(newInterviewer.views[0]).toMatchObject({ id: nextLoopId, role: 'interviewer' });
    expect(newObserver.views[0]).toMatchObject({ id: nextLoopId, role: 'observer' });
    expect((await getView(nextLoopId, loop.tokens.interviewer).expect(200)).body.role).toBe(
      'candidate',
    );
    expect((await getView(nextLoopId, loop.tokens.candidate).expect(200)).body.role).toBe(
      'interviewer',
    );
    // The old loop still opens in the old roles.
    expect((await getView(loop.id, loop.tokens.interviewer).expect(200)).body.role).toBe(
      'interviewer',
    );
    expect((await getView(loop.id, loop.tokens.candidate).expect(200)).body.role).toBe('candidate');

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
    const loop = await createPaired();
    const { interviewer, candidate, observer, all } = await joinAll(loop);
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

    const solo = await createLoop('solo', [{ id: 'screen' }]);
    const soloCandidate = await Peer.join('solo candidate', solo.id, solo.tokens.candidate!);
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
    const loop = await createPaired([{ id: 'screen' }]);
    const { interviewer, observer, all } = await joinAll(loop);
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
