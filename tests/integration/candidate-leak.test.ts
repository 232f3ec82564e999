/**
 * The candidate must never learn what the interviewer keeps: private notes, hints not yet
 * revealed, follow-ups not yet pushed, what a strong answer shows, the interviewer's score
 * before their own, or anyone else's link. A full paired loop is driven over real sockets
 * while every byte the candidate receives is recorded, in order; then every recorded
 * payload is searched for every secret.
 */
import { randomUUID } from 'node:crypto';
import request from 'supertest';
import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import type { Ack } from '../../shared/src/errors';
import type { LoopView } from '../../shared/src/loop/project';
import {
  card,
  commandIds,
  emitAny,
  openSocket,
  pairedServer,
  questionOf,
  until,
  versionOf,
} from '../helpers/paired';
import { content } from '../helpers/content';
import { DocEditor, writeNotes } from '../helpers/docs';
import { joinLoop, type TestSocket } from '../helpers/test-server';

/** This file's own server, on a clock that moves only when told, and a client of it. */
const { client, clock } = pairedServer();

const cid = commandIds('leak-cmd');

/** Secrets shorter than this may occur in ordinary text by chance ("No questions at all"). */
const MIN_SECRET_CHARS = 26;

/** One thing the candidate received: a socket event, an ack, or a REST response body. */
interface Received {
  index: number;
  via: string;
  payload: unknown;
}

/** Something the candidate must not see, ever (`shownFrom` null) or before a payload index. */
interface Secret {
  what: string;
  text: string;
  shownFrom: number | null;
}

/** A string as it appears inside JSON.stringify output. */
const asJson = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * A payload as searchable text: binary parts (document updates, whose strings are UTF-8
 * inside) are decoded, so that a typed secret is found in them as in any JSON.
 */
const searchable = (payload: unknown) =>
  JSON.stringify(payload, (_key, value: unknown) => {
    if (value instanceof ArrayBuffer) return Buffer.from(value).toString('utf8');
    if (ArrayBuffer.isView(value))
      return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
    const buffer = value as { type?: unknown; data?: unknown } | null;
    if (buffer?.type === 'Buffer' && Array.isArray(buffer.data))
      return Buffer.from(buffer.data as number[]).toString('utf8');
    return value;
  });

describe('what the candidate of a paired loop receives', () => {
  it('never holds a secret of the interviewer, over a whole loop of three rounds', async () => {
    const roundIds = ['screen', 'coding', 'behavioral'];
    const { id: loopId, tokens } = await client.createPaired(roundIds.map((id) => ({ id })));
    const candidateToken = tokens.candidate;

    // ---- The recorder: every event, every ack, every REST body the candidate gets. ----
    const received: Received[] = [];
    const record = (via: string, payload: unknown) =>
      received.push({ index: received.length, via, payload });
    const candidateViews: LoopView[] = [];

    async function connectCandidate(): Promise<TestSocket> {
      const socket = openSocket(client.url, loopId, candidateToken);
      socket.onAny((event: string, ...args: unknown[]) =>
        record(`event ${event}`, args.length === 1 ? args[0] : args),
      );
      socket.on('loop:updated', (view) => candidateViews.push(view));
      const seen = candidateViews.length;
      socket.connect();
      await until('the candidate to connect', () => candidateViews[seen]);
      return socket;
    }
    async function acked<T>(via: string, reply: Promise<T>): Promise<T> {
      const value = await reply;
      record(`ack ${via}`, value);
      return value;
    }
    async function candidateGet(path: string) {
      const res = await request(client.url)
        .get(`/api/loops/${loopId}${path}`)
        .set('Authorization', `Bearer ${candidateToken}`);
      record(`GET ${path || '/'} ${res.status}`, path.endsWith('.md') ? res.text : res.body);
      expect(res.status, path).toBe(200);
      return res;
    }

    const interviewerJoin = await joinLoop(client.url, loopId, tokens.interviewer);
    const interviewer = interviewerJoin.socket;
    let observerJoin = await joinLoop(client.url, loopId, tokens.observer);
    let candidate = await connectCandidate();
    const plan = interviewerJoin.views[0]!;

    // ---- The secrets, from the content of the questions drawn. ----
    const secrets: Secret[] = [
      { what: "the interviewer's token", text: tokens.interviewer, shownFrom: null },
      { what: "the observer's token", text: tokens.observer, shownFrom: null },
    ];
    const secret = (what: string, text: string, shownFrom: number | null = null) => {
      const entry = { what, text, shownFrom };
      secrets.push(entry);
      return entry;
    };
    const questions = plan.rounds.map((_, r) => questionOf(plan, r));
    // Each round's kit (hints, follow-ups, signals, red flags, solutions) opens to the
    // candidate as the worked solution once they have scored the round, not a payload before.
    const kit: Secret[][] = plan.rounds.map(() => []);
    const hint0: Secret[] = [];
    const followUp0: Secret[] = [];
    plan.rounds.forEach((round, r) => {
      const q = questions[r]!;
      const label = `round ${r} (${round.roundId}/${q.id})`;
      // What the candidate legitimately sees of the question: never counted as a leak.
      const shown = [q.prompt, ...round.phases.map((p) => p.guidance)].join('\n');
      const hidden = (what: string, text: string) => {
        if (text.length < MIN_SECRET_CHARS || shown.includes(text)) return null;
        const entry = secret(what, text);
        kit[r]!.push(entry);
        return entry;
      };
      q.hints.forEach((text, i) => {
        const entry = hidden(`${label} hint ${i}`, text);
        if (i === 0 && entry) hint0.push(entry);
      });
      q.followUps.forEach((f, i) => {
        const entry = hidden(`${label} follow-up ${i}`, f.text);
        if (i === 0 && entry) followUp0.push(entry);
      });
      q.signals.forEach((text, i) => hidden(`${label} signal ${i}`, text));
      q.redFlags.forEach((text, i) => hidden(`${label} red flag ${i}`, text));
      if (q.coding) {
        hidden(`${label} Python solution`, q.coding.solutions.python);
        hidden(`${label} JavaScript solution`, q.coding.solutions.javascript);
      }
      if (q.sql) hidden(`${label} SQL reference`, q.sql.solution);
    });
    expect(hint0).toHaveLength(3);
    expect(followUp0).toHaveLength(3);
    // The coding round opens with a Leadership Principle question: its kit is secret too.
    const lpHint0: (Secret | null)[] = [];
    const lpFollowUp0: (Secret | null)[] = [];
    plan.rounds.forEach((round, r) => {
      const lp = round.lp && content.question(round.lp.roundId, round.lp.question.id)!;
      if (!lp) return void (lpHint0[r] = lpFollowUp0[r] = null);
      const label = `round ${r} Leadership Principle question ${lp.id}`;
      const hidden = (what: string, text: string) => {
        if (text.length < MIN_SECRET_CHARS || lp.prompt.includes(text)) return null;
        const entry = secret(what, text);
        kit[r]!.push(entry);
        return entry;
      };
      lp.hints.forEach((text, i) => {
        const entry = hidden(`${label} hint ${i}`, text);
        if (i === 0) lpHint0[r] = entry;
      });
      lp.followUps.forEach((f, i) => {
        const entry = hidden(`${label} follow-up ${i}`, f.text);
        if (i === 0) lpFollowUp0[r] = entry;
      });
      lp.signals.forEach((text, i) => hidden(`${label} signal ${i}`, text));
      lp.redFlags.forEach((text, i) => hidden(`${label} red flag ${i}`, text));
    });
    expect(lpHint0.filter(Boolean)).toHaveLength(1);
    expect(lpFollowUp0.filter(Boolean)).toHaveLength(1);

    // ---- Driving the loop. ----
    const observerViews = () => observerJoin.views;
    /** Waits until the candidate and the observer have both seen `version`. */
    const settle = async (version: number) => {
      await until(`the candidate to see version ${version}`, () =>
        candidateViews.find((v) => v.version >= version),
      );
      await until(`the observer to see version ${version}`, () =>
        observerViews().find((v) => v.version >= version),
      );
    };
    const asInterviewer = async (reply: Promise<Ack<{ version: number }>>) => {
      const version = versionOf(await reply);
      await settle(version);
      return version;
    };
    const privateMarkers: string[] = [];
    const justificationMarkers: Secret[] = [];

    for (let r = 0; r < plan.rounds.length; r++) {
      const roundId = plan.rounds[r]!.roundId;
      await asInterviewer(interviewer.emitWithAck('round:start', { commandId: cid(), round: r }));

      const early = `PRIVATE-NOTE-${r}-early-${randomUUID()}`;
      privateMarkers.push(early);
      secret(`round ${r} private notes`, early);
      // The interviewer's private notes live in a document only staff may open.
      const privateNotes = await new DocEditor(interviewer, {
        kind: 'private-notes',
        round: r,
      }).join();
      expect((await privateNotes.set(`Weak on specifics. ${early}`)).ok).toBe(true);

      const noted = await acked(
        'doc:edit notes',
        writeNotes(candidate, r, `candidate notes for round ${r}`),
      );
      expect(noted.ok).toBe(true);
      await candidateGet('');

      // The candidate trying the interviewer's private notes gets refusals, nothing else.
      const privateRef = { kind: 'private-notes', round: r } as const;
      const openPrivate = await acked(
        'doc:sync private-notes',
        emitAny(candidate, 'doc:sync', { doc: privateRef, stateVector: new Uint8Array([0]) }),
      );
      expect(openPrivate.ok, 'doc:sync private-notes').toBe(false);
      const forged = new Y.Doc();
      forged.getText('text').insert(0, 'mine?');
      const typePrivate = await acked(
        'doc:edit private-notes',
        emitAny(candidate, 'doc:edit', { doc: privateRef, update: Y.encodeStateAsUpdate(forged) }),
      );
      expect(typePrivate.ok, 'doc:edit private-notes').toBe(false);
      // What the candidate may open: their notes, binary, searched like everything else.
      const ownNotes = await acked(
        'doc:sync notes',
        emitAny(candidate, 'doc:sync', {
          doc: { kind: 'notes', round: r },
          stateVector: new Uint8Array([0]),
        }),
      );
      expect(ownNotes.ok, 'doc:sync notes').toBe(true);

      // The candidate trying the interviewer's commands gets refusals, nothing else.
      for (const [event, payload] of [
        ['hint:reveal', { round: r, index: 1 }],
        ['followup:push', { round: r, index: 1 }],
        ['hint:reveal', { round: r, index: 0, part: 'lp' }],
        ['followup:push', { round: r, index: 1, part: 'lp' }],
        ['question:change', { round: r, part: 'lp' }],
        ['token:rotate', { role: 'observer' }],
      ] as const) {
        const reply = await acked(
          event,
          emitAny(candidate, event, { commandId: cid(), ...payload }),
        );
        expect(reply.ok, event).toBe(false);
      }

      if (lpHint0[r]) {
        // The story question of the opening phase: one hint and one follow-up reach the candidate.
        await clock.advance(60_000);
        lpHint0[r]!.shownFrom = received.length;
        await asInterviewer(
          interviewer.emitWithAck('hint:reveal', {
            commandId: cid(),
            round: r,
            index: 0,
            part: 'lp',
          }),
        );
        lpFollowUp0[r]!.shownFrom = received.length;
        await asInterviewer(
          interviewer.emitWithAck('followup:push', {
            commandId: cid(),
            round: r,
            index: 0,
            part: 'lp',
          }),
        );
        await asInterviewer(
          interviewer.emitWithAck('signal:tick', {
            commandId: cid(),
            round: r,
            index: 0,
            checked: true,
            part: 'lp',
          }),
        );
      }

      await clock.advance(2 * 60_000);
      hint0[r]!.shownFrom = received.length;
      await asInterviewer(
        interviewer.emitWithAck('hint:reveal', { commandId: cid(), round: r, index: 0 }),
      );
      await clock.advance(60_000);
      followUp0[r]!.shownFrom = received.length;
      await asInterviewer(
        interviewer.emitWithAck('followup:push', { commandId: cid(), round: r, index: 0 }),
      );

      await asInterviewer(interviewer.emitWithAck('timer:pause', { commandId: cid(), round: r }));
      await clock.advance(30_000);
      await asInterviewer(interviewer.emitWithAck('timer:resume', { commandId: cid(), round: r }));
      await asInterviewer(
        interviewer.emitWithAck('timer:extend', { commandId: cid(), round: r, minutes: 2 }),
      );
      await asInterviewer(interviewer.emitWithAck('phase:next', { commandId: cid(), round: r }));

      // The interviewer scores while the round runs, before the candidate.
      const justification = `JUSTIFICATION-${r}-${randomUUID()}`;
      justificationMarkers.push(secret(`round ${r} interviewer justification`, justification));
      await asInterviewer(
        interviewer.emitWithAck('score:submit', {
          commandId: cid(),
          round: r,
          card: card(roundId, 2, `Lacked depth. ${justification}`),
        }),
      );
      const late = `PRIVATE-NOTE-${r}-late-${randomUUID()}`;
      privateMarkers.push(late);
      secret(`round ${r} private notes`, late);
      expect((await privateNotes.append(`\nScored 2. ${late}`)).ok).toBe(true);
      privateNotes.close();

      if (r === 0) {
        // A new observer link mid-loop: neither link reaches the candidate.
        const rotated = await interviewer.emitWithAck('token:rotate', {
          commandId: cid(),
          role: 'observer',
        });
        if (!rotated.ok) throw new Error(rotated.error.message);
        secret("the observer's new token", rotated.data.token);
        await until('the old observer to be shut out', () =>
          observerJoin.socket.connected ? undefined : true,
        );
        observerJoin = await joinLoop(client.url, loopId, rotated.data.token);
      }
      if (r === 1) {
        // The candidate drops off and comes back mid-round.
        candidate.disconnect();
        candidate = await connectCandidate();
        // This round runs out on the server's clock.
        const before = candidateViews.length;
        await clock.advance(3 * 60 * 60_000);
        await until('the round to run out', () =>
          candidateViews.slice(before).find((v) => v.rounds[r]!.status === 'scoring'),
        );
      } else {
        await asInterviewer(interviewer.emitWithAck('round:end', { commandId: cid(), round: r }));
      }

      // What the candidate can fetch between the round's end and their own score.
      await candidateGet('');
      await candidateGet('/report.json');
      await candidateGet('/report.md');
      await acked('loop:sync', candidate.emitWithAck('loop:sync', {}));
      await acked('clock:ping', candidate.emitWithAck('clock:ping', { sentAt: clock.now() }));

      await clock.advance(60_000);
      justificationMarkers[r]!.shownFrom = received.length;
      for (const entry of kit[r]!) entry.shownFrom ??= received.length;
      const selfScored = versionOf(
        await acked(
          'score:submit',
          candidate.emitWithAck('score:submit', {
            commandId: cid(),
            round: r,
            card: card(roundId, 3, `self ${r}`),
          }),
        ),
      );
      await settle(selfScored);
      await candidateGet('/report.json');
      await asInterviewer(interviewer.emitWithAck('round:next', { commandId: cid(), round: r }));
    }

    const final = await acked('loop:sync', candidate.emitWithAck('loop:sync', {}));
    expect(final.ok && final.data.status).toBe('ended');
    await candidateGet('');
    await candidateGet('/report.json');
    await candidateGet('/report.md');
    candidate.disconnect();
    interviewer.disconnect();
    observerJoin.socket.disconnect();

    // ---- The checks. ----
    const texts = received.map((r) => ({ ...r, json: searchable(r.payload) }));
    const leaks: string[] = [];
    for (const r of texts) {
      for (const s of secrets) {
        if (s.shownFrom !== null && r.index >= s.shownFrom) continue;
        if (!r.json.includes(asJson(s.text))) continue;
        const when =
          s.shownFrom === null
            ? 'never meant for the candidate'
            : `not to be shown before payload #${s.shownFrom}`;
        leaks.push(
          `payload #${r.index} (${r.via}) leaks ${s.what}, ${when}: "${s.text.slice(0, 80)}"`,
        );
      }
      // Structural checks on every view the candidate received, however it came.
      const views: unknown[] = [];
      const payload = r.payload as { ok?: boolean; data?: unknown } | unknown[] | null;
      if (r.via === 'event loop:updated' || r.via === 'GET / 200') views.push(r.payload);
      if (r.via === 'ack loop:sync' && payload && !Array.isArray(payload) && payload.ok)
        views.push(payload.data);
      if (r.via === 'GET /report.json 200') {
        const report = r.payload as { rounds: { partner: unknown }[] };
        report.rounds.forEach((round, i) => {
          if (r.index < (justificationMarkers[i]!.shownFrom ?? Infinity) && round.partner !== null)
            leaks.push(
              `payload #${r.index} reports round ${i}'s partner score before the self-score`,
            );
        });
      }
      for (const view of views as LoopView[]) {
        view.rounds.forEach((round, i) => {
          if ('privateNotes' in round)
            leaks.push(`payload #${r.index} has round ${i} privateNotes`);
          const selfAt = justificationMarkers[i]!.shownFrom ?? Infinity;
          const kitShown = r.index >= selfAt;
          if (!kitShown && ('signals' in round.question || 'redFlags' in round.question))
            leaks.push(`payload #${r.index} has round ${i} signals or red flags`);
          if (
            !kitShown &&
            round.lp &&
            ('signals' in round.lp.question || 'redFlags' in round.lp.question)
          )
            leaks.push(`payload #${r.index} has round ${i}'s principle-question signals`);
          if (kitShown && !('signals' in round.question))
            leaks.push(
              `payload #${r.index} lacks round ${i}'s worked solution after the self-score`,
            );
          if (r.index < selfAt && round.scores.partner?.card)
            leaks.push(`payload #${r.index} shows round ${i}'s partner card before the self-score`);
        });
      }
    }
    expect(leaks, `the candidate received secrets:\n${leaks.join('\n')}`).toEqual([]);

    // Controls: the search would have found them, and the secrets were really there.
    const everything = texts.map((r) => r.json).join('\n');
    const lpShown = [...lpHint0, ...lpFollowUp0].filter((s): s is Secret => s !== null);
    for (const s of [...hint0, ...followUp0, ...lpShown, ...justificationMarkers])
      expect(everything, `${s.what} shown once allowed`).toContain(asJson(s.text));
    // Every round's whole kit reached the candidate once they had scored it.
    for (const s of kit.flat())
      expect(everything, `${s.what} after the self-score`).toContain(asJson(s.text));
    expect(everything).toContain('candidate notes for round 2');
    const notesOpened = texts.filter((r) => r.via === 'ack doc:sync notes');
    expect(notesOpened).toHaveLength(plan.rounds.length);
    notesOpened.forEach((r, i) => expect(r.json).toContain(`candidate notes for round ${i}`));
    const observerSaw = JSON.stringify(observerJoin.views.at(-1));
    for (const marker of privateMarkers.filter((m) => m.startsWith('PRIVATE-NOTE-2')))
      expect(observerSaw).toContain(marker);
    expect(received.length).toBeGreaterThan(80);
    expect(secrets.length).toBeGreaterThan(40);
  });
});
