/**
 * Turns a command into events, or refuses it. Pure: the state, the command, the
 * acting role and `now` in; events or an error out. Nothing here mutates.
 */
import { assertNever } from '../assert';
import { languageFor, languagesFor, type CodeLanguage } from '../code';
import { drawQuestion } from '../draw';
import { EMPTY_STAR_ANSWER, STAR_FIELDS } from '../star';
import { bankOf, questionsOf, type CatalogIndex } from '../catalog-index';
import { fail, type ErrorBody } from '../errors';
import { consentEvents } from '../recording';
import {
  expiredSteps,
  extendClock,
  MINUTE_MS,
  nextPhase,
  pauseClock,
  resumeClock,
  startClock,
  type Clock,
} from '../timer';
import type { ClientCommand, Command, CommandName } from './commands';
import { decideLp } from './decide-lp';
import type { LoopEvent } from './events';
import { permissionsFor, type Permissions } from './permissions';
import type { LoopRound, LoopState, Role } from './state';

export type Decision = { ok: true; events: LoopEvent[] } | { ok: false; error: ErrorBody };

/** The actor: a role for client commands, or the server's own clock. */
export type Actor = { kind: 'role'; role: Role } | { kind: 'system' };

const ok = (...events: LoopEvent[]): Decision => ({ ok: true, events });

const NEEDS: Record<CommandName, keyof Permissions> = {
  'round:start': 'control',
  'timer:pause': 'control',
  'timer:resume': 'control',
  'timer:extend': 'control',
  'phase:next': 'control',
  'round:end': 'control',
  'round:next': 'control',
  'loop:end': 'control',
  'question:change': 'control',
  'code:language': 'collaborate',
  'code:run': 'collaborate',
  'star:tag': 'notes',
  'signal:tick': 'tickSignals',
  'hint:reveal': 'revealHints',
  'score:submit': 'scoreAs',
  'followup:push': 'interview',
  'token:rotate': 'interview',
  'loop:swap': 'swap',
  'recording:agree': 'record',
  'recording:withdraw': 'record',
};

/** Whether a role may send a command at all in this mode (before any state check). */
export function mayIssue(mode: LoopState['mode'], role: Role, command: CommandName): boolean {
  return Boolean(permissionsFor(mode, role)[NEEDS[command]]);
}

/** Decides what a command does to a loop. */
export function decide(
  state: LoopState,
  command: Command,
  actor: Actor,
  now: number,
  content: CatalogIndex,
  random: () => number = Math.random,
): Decision {
  if (command.type === 'phase:expire') return expire(state, command.round, now);
  if (command.type === 'doc:save') return saveDoc(state, command, now, content);
  if (actor.kind !== 'role') return fail('forbidden', 'only a participant can send this command');

  const permissions = permissionsFor(state.mode, actor.role);
  if (!mayIssue(state.mode, actor.role, command.type)) {
    return fail('forbidden', `the ${actor.role} may not ${command.type.replace(':', ' ')}`);
  }
  if (command.type === 'token:rotate')
    return ok({ type: 'token.rotated', at: now, role: command.role });
  if (command.type === 'loop:swap') {
    if (state.mode !== 'paired') return fail('bad-request', 'only a paired loop can swap roles');
    if (state.status !== 'ended')
      return fail('conflict', 'roles are swapped once the loop has ended');
    if (state.nextLoopId) return fail('conflict', 'this loop already continued with roles swapped');
    return ok({ type: 'loop.swapped', at: now, nextLoopId: command.nextLoopId });
  }
  if (state.status === 'ended') return fail('conflict', 'this loop has ended');
  if (command.type === 'loop:end')
    return ok(...endOpenRound(state, now), { type: 'loop.ended', at: now });
  if (command.type === 'recording:agree' || command.type === 'recording:withdraw')
    return ok(...consentEvents(state, actor.role, command.type === 'recording:agree', now));

  const index = command.round;
  const round = state.rounds[index];
  if (!round) return fail('not-found', `this loop has no round ${index + 1}`);
  const isCurrent = index === state.current;
  if ('part' in command && command.part === 'lp')
    return decideLp(state, index, command, now, content, random);

  switch (command.type) {
    case 'round:start':
      if (!isCurrent) return stale(state);
      if (round.status !== 'pending') return fail('conflict', 'this round has already started');
      return ok({
        type: 'round.started',
        at: now,
        round: index,
        clock: startClock(round.phases, now),
      });

    case 'timer:pause':
    case 'timer:resume':
    case 'timer:extend':
    case 'phase:next': {
      if (!isCurrent) return stale(state);
      if (round.status !== 'in-progress') return fail('conflict', 'the round clock is not running');
      const { clock } = round;
      if (command.type === 'timer:pause') {
        return clock.kind === 'running'
          ? ok({ type: 'clock.paused', at: now, round: index, clock: pauseClock(clock, now) })
          : ok();
      }
      if (command.type === 'timer:resume') {
        return clock.kind === 'paused'
          ? ok({ type: 'clock.resumed', at: now, round: index, clock: resumeClock(clock, now) })
          : ok();
      }
      if (command.type === 'timer:extend') {
        const extended = extendClock(clock, command.minutes * MINUTE_MS);
        return ok({
          type: 'clock.extended',
          at: now,
          round: index,
          minutes: command.minutes,
          clock: extended,
        });
      }
      const next = nextPhase(clock, round.phases, now);
      return next.kind === 'finished'
        ? ok({ type: 'round.ended', at: now, round: index, reason: 'ended-early' })
        : ok({ type: 'phase.advanced', at: now, round: index, reason: 'skipped', clock: next });
    }

    case 'round:end':
      if (!isCurrent) return stale(state);
      if (round.status !== 'in-progress' && round.status !== 'pending')
        return fail('conflict', 'this round is already over');
      return ok({ type: 'round.ended', at: now, round: index, reason: 'ended-early' });

    case 'round:next': {
      if (!isCurrent) return stale(state);
      const events: LoopEvent[] = [
        ...endOpenRound(state, now),
        { type: 'round.closed', at: now, round: index },
      ];
      if (index === state.rounds.length - 1) events.push({ type: 'loop.ended', at: now });
      return ok(...events);
    }

    case 'code:language':
      if (!isCurrent) return stale(state);
      if (workspaceOf(round, content) !== 'code')
        return fail('bad-request', 'this round has no code editor');
      if (!answerableIn(round, content, command.language))
        return fail('bad-request', wrongLanguage(round, content));
      if (round.code?.language === command.language) return ok();
      return ok({
        type: 'code.updated',
        at: now,
        round: index,
        language: command.language,
        text: round.code?.text ?? '',
      });

    case 'code:run': {
      if (!isCurrent) return stale(state);
      const question = content.question(round.roundId, round.questionId);
      const tests = question?.coding?.tests ?? question?.sql?.tests ?? [];
      if (workspaceOf(round, content) !== 'code' || tests.length === 0)
        return fail('bad-request', 'this round has no tests to run');
      if (!answerableIn(round, content, command.run.language))
        return fail('bad-request', wrongLanguage(round, content));
      if (command.run.cases.some((c) => c.index >= tests.length))
        return fail('bad-request', `this question has ${tests.length} test cases`);
      return ok({ type: 'code.ran', at: now, round: index, run: { ...command.run, at: now } });
    }

    case 'star:tag': {
      if (!isCurrent) return stale(state);
      if (workspaceOf(round, content) !== 'star')
        return fail('bad-request', 'this round takes no STAR answers');
      if (command.questionId !== round.questionId)
        return fail('conflict', 'the question of this round has changed');
      const known = new Set(content.catalog.principles.map((p) => p.id));
      const unknown = command.principles.filter((p) => !known.has(p));
      if (unknown.length)
        return fail('bad-request', `unknown Leadership Principles: ${unknown.join(', ')}`);
      const current = round.stars[round.questionId] ?? EMPTY_STAR_ANSWER;
      const answer = {
        ...current,
        principles: [...new Set(command.principles)],
        story: command.story,
      };
      if (JSON.stringify(current) === JSON.stringify(answer)) return ok();
      return ok({
        type: 'star.updated',
        at: now,
        round: index,
        questionId: round.questionId,
        answer,
      });
    }

    case 'signal:tick': {
      // Signals may be ticked in any round of the loop, also while it is scored.
      const signals = content.question(round.roundId, round.questionId)?.signals ?? [];
      if (command.index >= signals.length)
        return fail('bad-request', `this question has ${signals.length} signals`);
      // A solo candidate sees the signals only once they have scored themself.
      if (state.mode === 'solo' && !round.scores.self)
        return fail('conflict', 'the signals are shown after you score the round');
      if (round.signalsTicked.includes(command.index) === command.checked) return ok();
      return ok({
        type: 'signal.ticked',
        at: now,
        round: index,
        index: command.index,
        checked: command.checked,
      });
    }

    case 'followup:push': {
      if (!isCurrent) return stale(state);
      if (round.status !== 'in-progress')
        return fail('conflict', 'follow-ups are pushed while the round runs');
      const followUps = content.question(round.roundId, round.questionId)?.followUps ?? [];
      if (command.index >= followUps.length)
        return fail('bad-request', `this question has no follow-up ${command.index + 1}`);
      if (round.followUpsPushed.some((f) => f.index === command.index)) return ok();
      return ok({ type: 'followup.pushed', at: now, round: index, index: command.index });
    }

    case 'hint:reveal': {
      if (!isCurrent) return stale(state);
      if (round.status !== 'in-progress')
        return fail('conflict', 'hints are revealed while the round runs');
      const hints = content.question(round.roundId, round.questionId)?.hints ?? [];
      if (command.index < round.hintsRevealed.length) return ok();
      if (command.index !== round.hintsRevealed.length || command.index >= hints.length)
        return fail(
          'bad-request',
          `hint ${command.index + 1} is not the next hint of this question`,
        );
      return ok({ type: 'hint.revealed', at: now, round: index, index: command.index });
    }

    case 'question:change': {
      if (!isCurrent) return stale(state);
      if (round.status !== 'pending' && round.status !== 'in-progress')
        return fail('conflict', 'the question can be changed only before or during the round');
      const definition = content.round(round.roundId);
      const bank = definition?.questions ?? [];
      const taken = questionsOfSameBank(state, index, content);
      if (command.questionId !== undefined) {
        if (!bank.some((q) => q.id === command.questionId))
          return fail('bad-request', `no question "${command.questionId}" in this round`);
        if (command.questionId === round.questionId) return ok();
        if (taken.has(command.questionId))
          return fail('conflict', 'another round of this loop already asks that question');
        return ok({
          type: 'question.changed',
          at: now,
          round: index,
          questionId: command.questionId,
        });
      }
      // Nor a story already asked in a technical round's Leadership Principle phase.
      const asked = state.rounds.flatMap((r) => (r.lp ? [r.lp.questionId] : []));
      const avoid = new Set([...(command.avoid ?? []), round.questionId, ...asked]);
      const others = (definition ? questionsOf(definition, round.family) : []).filter(
        (q) => q.id !== round.questionId,
      );
      // Another question like the current one: same difficulty where the bank allows, at
      // the loop's level, of the family the loop asked for.
      const difficulty = content.question(round.roundId, round.questionId)?.difficulty;
      const drawn = drawQuestion(
        others,
        { avoid, exclude: taken, topic: command.topic, difficulty, level: state.targetLevel },
        random,
      );
      if (!drawn)
        return fail(
          'not-found',
          command.topic
            ? `no other question on "${command.topic}"`
            : 'no other question in this round',
        );
      return ok({ type: 'question.changed', at: now, round: index, questionId: drawn.id });
    }

    case 'score:submit':
      return submitScore(round, index, command, permissions, now, content);

    default:
      return assertNever(command);
  }
}

/** The questions of the loop's other rounds that draw from the same bank as round `index`. */
function questionsOfSameBank(state: LoopState, index: number, content: CatalogIndex): Set<string> {
  const bankId = (roundId: string) => {
    const definition = content.round(roundId);
    return definition ? bankOf(definition) : roundId;
  };
  const bank = bankId(state.rounds[index]!.roundId);
  return new Set(
    state.rounds
      .filter((r, i) => i !== index && bankId(r.roundId) === bank)
      .map((r) => r.questionId),
  );
}

function workspaceOf(round: LoopRound, content: CatalogIndex) {
  return content.round(round.roundId)?.workspace;
}

/** Whether the round's question may be answered in `language` (SQL questions in SQL only). */
function answerableIn(round: LoopRound, content: CatalogIndex, language: CodeLanguage): boolean {
  const question = content.question(round.roundId, round.questionId);
  return !question || languagesFor(question).includes(language);
}

function wrongLanguage(round: LoopRound, content: CatalogIndex): string {
  return content.question(round.roundId, round.questionId)?.sql
    ? 'this question is answered in SQL'
    : 'SQL is for SQL questions only';
}

/**
 * A document's texts saved into the log: an event of the kind's own, when the text differs
 * from what the log holds. Code saved for a question the round no longer asks is dropped
 * (the round keeps one code); a STAR answer keeps its tags.
 */
function saveDoc(
  state: LoopState,
  command: Extract<Command, { type: 'doc:save' }>,
  now: number,
  content: CatalogIndex,
): Decision {
  const { ref, texts } = command;
  const round = state.rounds[ref.round];
  if (!round) return ok();
  const text = (name: string) => texts[name] ?? '';
  switch (ref.kind) {
    case 'code': {
      if (round.questionId !== ref.questionId || round.code?.text === text('code')) return ok();
      const question = content.question(round.roundId, round.questionId);
      return ok({
        type: 'code.updated',
        at: now,
        round: ref.round,
        language: question
          ? languageFor(question, round.code?.language)
          : (round.code?.language ?? 'python'),
        text: text('code'),
      });
    }
    case 'notes':
      if (round.notes === text('text')) return ok();
      return ok({ type: 'notes.updated', at: now, round: ref.round, text: text('text') });
    case 'private-notes':
      if (round.privateNotes === text('text')) return ok();
      return ok({ type: 'private-notes.updated', at: now, round: ref.round, text: text('text') });
    case 'star': {
      const current = round.stars[ref.questionId] ?? EMPTY_STAR_ANSWER;
      const answer = { ...current };
      for (const field of STAR_FIELDS) answer[field] = text(field);
      if (STAR_FIELDS.every((field) => current[field] === answer[field])) return ok();
      return ok({
        type: 'star.updated',
        at: now,
        round: ref.round,
        questionId: ref.questionId,
        answer,
      });
    }
  }
}

function stale(state: LoopState): Decision {
  return fail('conflict', `that round is not the current one (round ${state.current + 1} is)`);
}

/** Ends the current round first when it is still running. */
function endOpenRound(state: LoopState, now: number): LoopEvent[] {
  const round = state.rounds[state.current];
  return round?.status === 'in-progress'
    ? [{ type: 'round.ended', at: now, round: state.current, reason: 'ended-early' }]
    : [];
}

function submitScore(
  round: LoopRound,
  index: number,
  command: Extract<ClientCommand, { type: 'score:submit' }>,
  permissions: Permissions,
  now: number,
  content: CatalogIndex,
): Decision {
  const source = permissions.scoreAs!;
  // The interviewer may score while the round runs; a self-score waits for its end.
  const open =
    round.status === 'scoring' ||
    round.status === 'done' ||
    (source === 'partner' && round.status === 'in-progress');
  if (!open) return fail('conflict', 'this round cannot be scored yet');
  if (round.scores[source]) return fail('conflict', 'this round already has your score');
  const dimensions = content.round(round.roundId)?.rubric.map((d) => d.id) ?? [];
  const given = Object.keys(command.card.ratings);
  const missing = dimensions.filter((d) => !(d in command.card.ratings));
  const unknown = given.filter((d) => !dimensions.includes(d));
  if (missing.length || unknown.length) {
    const parts = [
      missing.length ? `missing ratings for ${missing.join(', ')}` : '',
      unknown.length ? `unknown dimensions ${unknown.join(', ')}` : '',
    ].filter(Boolean);
    return fail('bad-request', parts.join('; '));
  }
  return ok({
    type: 'score.submitted',
    at: now,
    round: index,
    source,
    card: { ...command.card, ratings: { ...command.card.ratings }, submittedAt: now },
  });
}

/** The server's clock tick: advance through every phase that has ended by `now`. */
function expire(state: LoopState, index: number, now: number): Decision {
  const round = state.rounds[index];
  if (state.status === 'ended' || !round || round.status !== 'in-progress') return ok();
  const events: LoopEvent[] = [];
  let previous: Clock = round.clock;
  for (const clock of expiredSteps(round.clock, round.phases, now)) {
    const at = previous.kind === 'running' ? previous.phaseEndsAt : now;
    events.push(
      clock.kind === 'finished'
        ? { type: 'round.ended', at, round: index, reason: 'time-up' }
        : { type: 'phase.advanced', at, round: index, reason: 'expired', clock },
    );
    previous = clock;
  }
  return ok(...events);
}
