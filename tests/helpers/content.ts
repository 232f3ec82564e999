/** The shipped content, loaded once per test file. */
import { loadCatalog } from '../../rounds/src/load';
import { indexCatalog } from '../../shared/src/catalog-index';

export const catalog = loadCatalog();

/** The six rounds of the shipped content, in loop order. */
export const SIX_ROUNDS = [
  'screen',
  'coding',
  'ml-depth',
  'system-design',
  'behavioral',
  'bar-raiser',
];
/** Every round definition shipped, in the order of the process: the online assessment first. */
export const ROUND_IDS = ['online-assessment', ...SIX_ROUNDS];
export const content = indexCatalog(catalog);

/** Every rubric dimension of a round rated `level`. */
export function ratingsFor(roundId: string, level: 1 | 2 | 3 | 4) {
  const round = content.round(roundId);
  if (!round) throw new Error(`no round ${roundId}`);
  return Object.fromEntries(round.rubric.map((d) => [d.id, level]));
}

/**
 * The coding round's SQL questions, passed as "practised recently" where a test needs a
 * function to write, so the draw leaves them out.
 */
export const SQL_QUESTION_IDS = catalog.rounds.flatMap((r) =>
  r.questions.flatMap((q) => (q.sql ? [q.id] : [])),
);
