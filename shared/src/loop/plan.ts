/** Plans a new loop from a create request: which rounds, how long, which questions. */
import type { CreateLoopRequest } from '../api';
import type { CatalogIndex } from '../catalog-index';
import type { ErrorBody } from '../errors';
import { difficultyMix, drawQuestion } from '../draw';
import { drawLpQuestion, lpBank, lpPhaseIndex } from '../leadership';
import { planPhases } from '../timer';
import type { LoopEvent, RoundPlan } from './events';

export type PlanResult =
  | { ok: true; event: Extract<LoopEvent, { type: 'loop.created' }> }
  | { ok: false; error: ErrorBody };

const DEFAULT_TEMPLATE = 'full-loop';

/** Validates a create request against the content and builds the `loop.created` event. */
export function planLoop(
  request: CreateLoopRequest,
  content: CatalogIndex,
  id: string,
  now: number,
  random: () => number,
): PlanResult {
  const bad = (message: string): PlanResult => ({
    ok: false,
    error: { code: 'bad-request', message },
  });
  const templateId = request.template ?? (request.rounds ? null : DEFAULT_TEMPLATE);
  const template = templateId
    ? content.catalog.templates.find((t) => t.id === templateId)
    : undefined;
  if (templateId && !template) return bad(`unknown template "${templateId}"`);
  if (template?.drill && request.rounds?.length !== 1)
    return bad('a drill needs exactly one round in "rounds"');

  const wanted: NonNullable<CreateLoopRequest['rounds']> =
    request.rounds ?? template!.rounds.map((roundId) => ({ id: roundId }));
  if (wanted.length === 0) return bad('a loop needs at least one round');
  const avoid = new Set(request.recentQuestionIds ?? []);
  const mix = difficultyMix(wanted.length, random);
  /** Principles the loop's Leadership Principle phases already ask about. */
  const asked = new Set<string>();
  const rounds: RoundPlan[] = [];
  for (const [i, wish] of wanted.entries()) {
    const definition = content.round(wish.id);
    if (!definition) return bad(`rounds[${i}].id: unknown round "${wish.id}"`);
    const difficulty = wish.difficulty ?? mix[i];
    const question = drawQuestion(definition.questions, { avoid, difficulty }, random);
    if (!question) return bad(`round "${wish.id}" has no questions`);
    avoid.add(question.id);
    const minutes = wish.minutes ?? definition.minutes;
    // A technical round opens with a story question on one of the principles it owns.
    const lp =
      lpPhaseIndex(definition.phases) >= 0
        ? drawLpQuestion(
            lpBank(content.catalog, definition.leadershipPrinciples),
            definition.leadershipPrinciples,
            { avoid, asked },
            random,
          )
        : undefined;
    if (lp) {
      avoid.add(lp.questionId);
      for (const p of lp.question.leadershipPrinciples) asked.add(p);
    }
    rounds.push({
      roundId: definition.id,
      questionId: question.id,
      minutes,
      phases: planPhases(
        definition.phases.map(({ id: phaseId, title, minutes: m }) => ({
          id: phaseId,
          title,
          minutes: m,
        })),
        minutes,
      ),
      ...(lp ? { lpQuestion: { roundId: lp.roundId, questionId: lp.questionId } } : {}),
    });
  }
  return {
    ok: true,
    event: { type: 'loop.created', at: now, id, mode: request.mode, templateId, rounds },
  };
}
