/**
 * Commands about the Leadership Principle question that opens a technical round: the
 * same four as for the round's own question (push a follow-up, reveal a hint, tick a
 * signal, change the question), sent with `part: 'lp'`. Pure, like `decide`.
 */
import type { CatalogIndex } from '../catalog-index';
import { fail } from '../errors';
import { drawLpQuestion, findLpQuestion, lpBank, lpPhaseIndex } from '../leadership';
import type { ClientCommand } from './commands';
import type { Decision } from './decide';
import type { LoopEvent } from './events';
import type { LoopRound, LoopState } from './state';

/** The commands that may carry `part: 'lp'`. */
export type LpCommand = Extract<
  ClientCommand,
  { type: 'followup:push' | 'hint:reveal' | 'signal:tick' | 'question:change' }
>;

const ok = (...events: LoopEvent[]): Decision => ({ ok: true, events });

/** Decides a command about round `index`'s Leadership Principle question. */
export function decideLp(
  state: LoopState,
  index: number,
  command: LpCommand,
  now: number,
  content: CatalogIndex,
  random: () => number,
): Decision {
  const round = state.rounds[index]!;
  // As for the round's own question, signals may be ticked in any round; the rest only in
  // the current one.
  if (index !== state.current && command.type !== 'signal:tick')
    return fail('conflict', `that round is not the current one (round ${state.current + 1} is)`);
  const lp = round.lp;
  if (!lp) return fail('bad-request', 'this round has no Leadership Principle question');
  const question = content.question(lp.roundId, lp.questionId);

  switch (command.type) {
    case 'followup:push': {
      if (round.status !== 'in-progress')
        return fail('conflict', 'follow-ups are pushed while the round runs');
      const followUps = question?.followUps ?? [];
      if (command.index >= followUps.length)
        return fail(
          'bad-request',
          `the Leadership Principle question has no follow-up ${command.index + 1}`,
        );
      if (lp.followUpsPushed.some((f) => f.index === command.index)) return ok();
      return ok({ type: 'lp-followup.pushed', at: now, round: index, index: command.index });
    }

    case 'hint:reveal': {
      if (round.status !== 'in-progress')
        return fail('conflict', 'hints are revealed while the round runs');
      const hints = question?.hints ?? [];
      if (command.index < lp.hintsRevealed.length) return ok();
      if (command.index !== lp.hintsRevealed.length || command.index >= hints.length)
        return fail(
          'bad-request',
          `hint ${command.index + 1} is not the next hint of the Leadership Principle question`,
        );
      return ok({ type: 'lp-hint.revealed', at: now, round: index, index: command.index });
    }

    case 'signal:tick': {
      const signals = question?.signals ?? [];
      if (command.index >= signals.length)
        return fail(
          'bad-request',
          `the Leadership Principle question has ${signals.length} signals`,
        );
      if (state.mode === 'solo' && !round.scores.self)
        return fail('conflict', 'the signals are shown after you score the round');
      if (lp.signalsTicked.includes(command.index) === command.checked) return ok();
      return ok({
        type: 'lp-signal.ticked',
        at: now,
        round: index,
        index: command.index,
        checked: command.checked,
      });
    }

    case 'question:change':
      return changeLpQuestion(state, round, index, command, now, content, random);
  }
}

/** Whether the round has not yet gone past its Leadership Principle phase. */
function beforeLpPhaseEnds(round: LoopRound): boolean {
  if (round.status === 'pending') return true;
  if (round.status !== 'in-progress') return false;
  const clock = round.clock;
  const phase = lpPhaseIndex(round.phases);
  return (clock.kind === 'running' || clock.kind === 'paused') && clock.phase <= phase;
}

function changeLpQuestion(
  state: LoopState,
  round: LoopRound,
  index: number,
  command: Extract<LpCommand, { type: 'question:change' }>,
  now: number,
  content: CatalogIndex,
  random: () => number,
): Decision {
  const lp = round.lp!;
  if (!beforeLpPhaseEnds(round))
    return fail(
      'conflict',
      'the Leadership Principle question can be changed only before or during its phase',
    );
  const principles = content.round(round.roundId)?.leadershipPrinciples ?? [];
  const bank = lpBank(content.catalog, principles);
  const changed = (roundId: string, questionId: string): Decision =>
    ok({ type: 'lp-question.changed', at: now, round: index, roundId, questionId });

  if (command.questionId !== undefined) {
    const chosen = findLpQuestion(bank, command.questionId);
    if (!chosen)
      return fail(
        'bad-request',
        `no question "${command.questionId}" targets this round's Leadership Principles`,
      );
    if (chosen.roundId === lp.roundId && chosen.questionId === lp.questionId) return ok();
    return changed(chosen.roundId, chosen.questionId);
  }
  // Another question, never the current one, and none asked elsewhere in this loop.
  const elsewhere = state.rounds.flatMap((r) => [r.questionId, ...(r.lp ? [r.lp.questionId] : [])]);
  const avoid = new Set([...(command.avoid ?? []), ...elsewhere]);
  const others = bank.filter((c) => !(c.roundId === lp.roundId && c.questionId === lp.questionId));
  const current = content.question(lp.roundId, lp.questionId);
  // Prefer a principle the current question does not target, so a re-draw feels different.
  const asked = new Set(current?.leadershipPrinciples ?? []);
  const drawn = drawLpQuestion(others, principles, { avoid, asked, topic: command.topic }, random);
  if (!drawn)
    return fail(
      'not-found',
      command.topic
        ? `no other Leadership Principle question on "${command.topic}"`
        : 'no other Leadership Principle question for this round',
    );
  return changed(drawn.roundId, drawn.questionId);
}
