/** Plans a new loop from a create request: which rounds, how long, which questions. */
import type { CreateLoopRequest } from '../api';
import { bankOf, questionsOf, type CatalogIndex } from '../catalog-index';
import type { ErrorBody } from '../errors';
import { difficultyMix, drawQuestion } from '../draw';
import { drawLpQuestion, lpBank, lpPhaseIndex } from '../leadership';
import { DEFAULT_TARGET_LEVEL, QUESTION_FAMILY_NAMES } from '../levels';
import { planPhases } from '../timer';
import type { LoopEvent, RoundPlan } from './events';

export type PlanResult =
  | { ok: true; event: Extract<LoopEvent, { type: 'loop.created' }> }
  | { ok: false; error: ErrorBody };

const DEFAULT_TEMPLATE = 'full-loop';

/**
 * Validates a create request against the content and builds the `loop.created` event.
 * Each round draws a question that suits the target level (`questionsForLevel`), from the
 * family asked for if any, and never one already drawn for another round of the loop.
 */
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
  if (template?.solo && request.mode !== 'solo')
    return bad(`the "${template.id}" template is practised alone: use mode "solo"`);

  const wanted: NonNullable<CreateLoopRequest['rounds']> =
    request.rounds ?? template!.rounds.map((roundId) => ({ id: roundId }));
  if (wanted.length === 0) return bad('a loop needs at least one round');
  const targetLevel = request.targetLevel ?? DEFAULT_TARGET_LEVEL;
  const avoid = new Set(request.recentQuestionIds ?? []);
  /** Question ids drawn so far, per bank: a bank used twice gives two different questions. */
  const drawn = new Map<string, Set<string>>();
  const mix = difficultyMix(wanted.length, random);
  /** Principles the loop's Leadership Principle phases already ask about. */
  const asked = new Set<string>();
  const rounds: RoundPlan[] = [];
  for (const [i, wish] of wanted.entries()) {
    const definition = content.round(wish.id);
    if (!definition) return bad(`rounds[${i}].id: unknown round "${wish.id}"`);
    const pool = questionsOf(definition, wish.family);
    if (wish.family && pool.length === 0)
      return bad(
        `rounds[${i}].family: round "${wish.id}" has no ${QUESTION_FAMILY_NAMES[wish.family]} questions`,
      );
    const difficulty = wish.difficulty ?? mix[i];
    const exclude = drawn.get(bankOf(definition)) ?? new Set<string>();
    const question = drawQuestion(pool, { avoid, exclude, difficulty, level: targetLevel }, random);
    if (!question)
      return bad(
        pool.length
          ? `round "${wish.id}" has too few questions to draw a different one for each of its rounds`
          : `round "${wish.id}" has no questions`,
      );
    drawn.set(bankOf(definition), exclude.add(question.id));
    avoid.add(question.id);
    const minutes = wish.minutes ?? definition.minutes;
    // A technical round opens with a story question on one of the principles it owns.
    // At the loop's level where the bank has one, else at any level.
    const lpDraw = (level?: typeof targetLevel) =>
      drawLpQuestion(
        lpBank(content.catalog, definition.leadershipPrinciples),
        definition.leadershipPrinciples,
        { avoid, asked, level },
        random,
      );
    const lp = lpPhaseIndex(definition.phases) >= 0 ? (lpDraw(targetLevel) ?? lpDraw()) : undefined;
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
      ...(wish.family ? { family: wish.family } : {}),
    });
  }
  return {
    ok: true,
    event: {
      type: 'loop.created',
      at: now,
      id,
      mode: request.mode,
      templateId,
      targetLevel,
      rounds,
    },
  };
}
