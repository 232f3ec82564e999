/** Plans a new loop from a create request: which rounds, how long, which questions. */
import type { CreateLoopRequest } from '../api';
import type { CatalogIndex } from '../catalog-index';
import type { ErrorBody } from '../errors';
import { planPhases } from '../timer';
import type { LoopEvent, RoundPlan } from './events';

export type PlanResult =
  | { ok: true; event: Extract<LoopEvent, { type: 'loop.created' }> }
  | { ok: false; error: ErrorBody };

/** Picks a question, preferring ones not practised recently. `random` returns [0, 1). */
export function drawQuestion(
  questionIds: readonly string[],
  recent: ReadonlySet<string>,
  random: () => number,
): string | undefined {
  const fresh = questionIds.filter((id) => !recent.has(id));
  const pool = fresh.length ? fresh : questionIds;
  return pool[Math.floor(random() * pool.length)];
}

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

  const wanted =
    request.rounds ?? template!.rounds.map((roundId) => ({ id: roundId, minutes: undefined }));
  if (wanted.length === 0) return bad('a loop needs at least one round');
  const recent = new Set(request.recentQuestionIds ?? []);
  const rounds: RoundPlan[] = [];
  for (const [i, wish] of wanted.entries()) {
    const definition = content.round(wish.id);
    if (!definition) return bad(`rounds[${i}].id: unknown round "${wish.id}"`);
    const questionId = drawQuestion(
      definition.questions.map((q) => q.id),
      recent,
      random,
    );
    if (!questionId) return bad(`round "${wish.id}" has no questions`);
    recent.add(questionId);
    const minutes = wish.minutes ?? definition.minutes;
    rounds.push({
      roundId: definition.id,
      questionId,
      minutes,
      phases: planPhases(
        definition.phases.map(({ id: phaseId, title, minutes: m }) => ({
          id: phaseId,
          title,
          minutes: m,
        })),
        minutes,
      ),
    });
  }
  return {
    ok: true,
    event: { type: 'loop.created', at: now, id, mode: request.mode, templateId, rounds },
  };
}
