/**
 * Reads and validates every content file under a content directory. Any problem is
 * reported with the file, the field path and the reason; the caller stops start-up.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { questionsOf } from '@mockloop/shared/catalog-index';
import {
  leadershipPrincipleSchema,
  loopTemplateSchema,
  questionFileSchema,
  roundDefinitionSchema,
  type Catalog,
  type Question,
  type RoundDefinition,
} from '@mockloop/shared/content';
import { lpBank, lpPhaseIndex } from '@mockloop/shared/leadership';

/** The content shipped with mockloop. */
export const DEFAULT_CONTENT_DIR = fileURLToPath(new URL('../content', import.meta.url));

/** The order of the real process; rounds added by users follow, alphabetically. */
const LOOP_ORDER = [
  'online-assessment',
  'screen',
  'coding',
  'ml-depth',
  'system-design',
  'behavioral',
  'bar-raiser',
];
const rank = (id: string) => (LOOP_ORDER.includes(id) ? LOOP_ORDER.indexOf(id) : LOOP_ORDER.length);
const byLoopOrder = (a: { id: string }, b: { id: string }) =>
  rank(a.id) - rank(b.id) || a.id.localeCompare(b.id);

/** One thing wrong with one content file. */
export interface ContentProblem {
  file: string;
  path: string;
  message: string;
}

/** Thrown when content does not validate; `problems` lists every issue found. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `Invalid content:\n${problems.map((p) => `  ${p.file}: ${p.path || '(file)'}: ${p.message}`).join('\n')}`,
    );
    this.name = 'ContentError';
  }
}

function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i ? '.' : ''}${String(key)}`))
    .join('');
}

function yamlFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => /\.ya?ml$/.test(name))
    .sort()
    .map((name) => join(dir, name));
}

/** Loads all content under `dir`, or throws a ContentError listing every problem. */
export function loadCatalog(dir: string = DEFAULT_CONTENT_DIR): Catalog {
  const problems: ContentProblem[] = [];
  const rel = (file: string) => relative(process.cwd(), file) || file;

  function read<S extends z.ZodType>(file: string, schema: S): z.infer<S> | undefined {
    let raw: unknown;
    try {
      raw = parseYaml(readFileSync(file, 'utf8'), { maxAliasCount: 50 });
    } catch (error) {
      problems.push({ file: rel(file), path: '', message: (error as Error).message });
      return undefined;
    }
    const result = schema.safeParse(raw);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      problems.push({ file: rel(file), path: formatPath(issue.path), message: issue.message });
    }
    return undefined;
  }

  const principlesFile = join(dir, 'principles.yaml');
  const templatesFile = join(dir, 'templates.yaml');
  const principles = read(principlesFile, z.array(leadershipPrincipleSchema).min(1)) ?? [];
  const templates = read(templatesFile, z.array(loopTemplateSchema).min(1)) ?? [];

  const rounds: RoundDefinition[] = [];
  const roundFile = new Map<string, string>();
  /** Where each question was written, for problems found once the banks are merged. */
  const origin = new Map<Question, { file: string; path: string }>();
  for (const file of yamlFiles(join(dir, 'rounds'))) {
    const round = read(file, roundDefinitionSchema);
    if (!round) continue;
    if (roundFile.has(round.id)) {
      problems.push({
        file: rel(file),
        path: 'id',
        message: `round "${round.id}" is already defined in ${rel(roundFile.get(round.id)!)}`,
      });
      continue;
    }
    roundFile.set(round.id, file);
    round.questions.forEach((q, i) => origin.set(q, { file, path: `questions[${i}]` }));
    rounds.push(round);
  }

  for (const file of yamlFiles(join(dir, 'questions'))) {
    const extra = read(file, questionFileSchema);
    if (!extra) continue;
    const round = rounds.find((r) => r.id === extra.round);
    if (!round) {
      problems.push({ file: rel(file), path: 'round', message: `no round "${extra.round}"` });
      continue;
    }
    extra.questions.forEach((question, index) => {
      if (round.questions.some((q) => q.id === question.id)) {
        problems.push({
          file: rel(file),
          path: `questions[${index}].id`,
          message: `question "${question.id}" already exists in round "${round.id}"`,
        });
      } else {
        round.questions.push(question);
        origin.set(question, { file, path: `questions[${index}]` });
      }
    });
  }

  // A round that draws from another's bank shares that bank's questions (the same objects).
  for (const round of rounds) {
    if (!round.drawsFrom) continue;
    const file = rel(roundFile.get(round.id)!);
    const source = rounds.find((r) => r.id === round.drawsFrom!.round);
    if (!source || source.drawsFrom) {
      problems.push({
        file,
        path: 'drawsFrom.round',
        message: source
          ? `"${source.id}" draws from another round itself`
          : `no round "${round.drawsFrom.round}"`,
      });
      continue;
    }
    if (round.questions.length) {
      problems.push({
        file,
        path: 'questions',
        message: `a round that draws from "${source.id}" takes no questions of its own`,
      });
      continue;
    }
    round.questions = questionsOf(source, round.drawsFrom.family);
    const uncoded = round.questions.filter((q) => !q.coding).map((q) => q.id);
    if (round.workspace === 'code' && uncoded.length)
      problems.push({
        file,
        path: 'drawsFrom',
        message: `a code round needs coding specs, and these questions have none: ${uncoded.join(', ')}`,
      });
    if (round.questions.length === 0)
      problems.push({
        file,
        path: 'drawsFrom',
        message: round.drawsFrom.family
          ? `"${source.id}" has no ${round.drawsFrom.family} questions to draw from`
          : `"${source.id}" has no questions to draw from`,
      });
  }

  const lpIds = new Set(principles.map((p) => p.id));
  const checkLps = (file: string, path: string, ids: string[]) =>
    ids.forEach((id, i) => {
      if (!lpIds.has(id))
        problems.push({
          file: rel(file),
          path: `${path}[${i}]`,
          message: `unknown Leadership Principle "${id}"`,
        });
    });
  for (const round of rounds) {
    const file = roundFile.get(round.id)!;
    checkLps(file, 'leadershipPrinciples', round.leadershipPrinciples);
    // Its questions are checked where they are defined.
    if (round.drawsFrom) continue;
    round.questions.forEach((q, i) =>
      checkLps(file, `questions[${i}].leadershipPrinciples`, q.leadershipPrinciples),
    );
    for (const q of round.questions) {
      const at = origin.get(q)!;
      const problem = (field: string, message: string) =>
        problems.push({ file: rel(at.file), path: `${at.path}.${field}`, message });
      if (round.workspace === 'code' && !q.coding && !q.sql)
        problem('coding', 'a coding round question needs a coding or a sql spec');
      if (q.coding && q.sql) problem('sql', 'a question has a coding or a sql spec, not both');
      if (q.sql && q.family !== 'sql')
        problem('family', 'a question with a sql spec has family: sql');
      if (q.sql && round.workspace !== 'code')
        problem('sql', `round "${round.id}" has no code editor to run SQL in`);
    }
    if (round.questions.length === 0)
      problems.push({ file: rel(file), path: 'questions', message: 'the bank is empty' });
  }

  // A round that opens with a Leadership Principle phase needs a question to draw for it.
  for (const round of rounds) {
    const phase = lpPhaseIndex(round.phases);
    if (phase < 0 || round.leadershipPrinciples.length === 0) continue;
    const catalog = { principles, rounds, templates };
    if (lpBank(catalog, round.leadershipPrinciples).length === 0)
      problems.push({
        file: rel(roundFile.get(round.id)!),
        path: `phases[${phase}]`,
        message: `no behavioral or bar-raiser question targets ${round.leadershipPrinciples.join(', ')}`,
      });
  }

  const roundIds = new Set(rounds.map((r) => r.id));
  templates.forEach((template, t) => {
    template.rounds.forEach((id, i) => {
      if (!roundIds.has(id))
        problems.push({
          file: rel(templatesFile),
          path: `[${t}].rounds[${i}]`,
          message: `unknown round "${id}"`,
        });
    });
    if (!template.drill && template.rounds.length === 0)
      problems.push({
        file: rel(templatesFile),
        path: `[${t}].rounds`,
        message: 'a template that is not a drill needs at least one round',
      });
  });

  if (problems.length) throw new ContentError(problems);
  return { principles, rounds: rounds.sort(byLoopOrder), templates };
}
