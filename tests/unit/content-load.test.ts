import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROUND_IDS, SIX_ROUNDS } from '../helpers/content';
import { afterEach, describe, expect, it } from 'vitest';
import { ContentError, DEFAULT_CONTENT_DIR, loadCatalog } from '../../rounds/src/load';

const dirs: string[] = [];
function copyOfContent(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mockloop-content-'));
  cpSync(DEFAULT_CONTENT_DIR, dir, { recursive: true });
  mkdirSync(join(dir, 'questions'), { recursive: true });
  dirs.push(dir);
  return dir;
}
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

function problemsOf(dir: string) {
  try {
    loadCatalog(dir);
  } catch (error) {
    if (error instanceof ContentError) return error.problems;
    throw error;
  }
  throw new Error('expected the content to be rejected');
}

describe('content validation', () => {
  it('loads the rounds in process order with 16 Leadership Principles and four templates', () => {
    const catalog = loadCatalog();
    expect(catalog.rounds.map((r) => r.id)).toEqual(ROUND_IDS);
    expect(catalog.principles).toHaveLength(16);
    expect(catalog.templates.map((t) => t.id)).toEqual([
      'full-loop',
      'onsite',
      'drill',
      'online-assessment',
    ]);
    for (const round of catalog.rounds) {
      expect(round.questions.length, round.id).toBeGreaterThanOrEqual(3);
      expect(round.rubric.length, round.id).toBeGreaterThanOrEqual(4);
    }
  });

  it('says where the bar differs by level on at least two rubric dimensions of every loop round', () => {
    const catalog = loadCatalog();
    for (const id of SIX_ROUNDS) {
      const noted = catalog.rounds
        .find((r) => r.id === id)!
        .rubric.filter((d) => d.levelNotes)
        .map((d) => d.levelNotes!);
      expect(noted.length, id).toBeGreaterThanOrEqual(2);
      for (const notes of noted) expect(Object.keys(notes).sort(), id).toEqual(['L4', 'L5', 'L6']);
    }
  });

  it('names the file, the field path and the reason for a bad field', () => {
    const dir = copyOfContent();
    const file = join(dir, 'rounds', 'screen.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^minutes: \d+/m, 'minutes: "forty"'));
    const problems = problemsOf(dir);
    expect(problems).toContainEqual({
      file: expect.stringMatching(/rounds[/\\]screen\.yaml$/),
      path: 'minutes',
      message: expect.stringContaining('expected number'),
    });
  });

  it('reports a rubric level that is missing, with its path', () => {
    const dir = copyOfContent();
    const file = join(dir, 'rounds', 'coding.yaml');
    const text = readFileSync(file, 'utf8');
    const broken = text.replace(/\n(\s+)['"]4['"]:/, '\n$1"5":');
    expect(broken).not.toBe(text);
    writeFileSync(file, broken);
    const paths = problemsOf(dir).map((p) => p.path);
    expect(paths.some((p) => /^rubric\[\d+\]\.levels/.test(p))).toBe(true);
  });

  it('rejects YAML that does not parse, an unknown Leadership Principle and a question file for a missing round', () => {
    const dir = copyOfContent();
    writeFileSync(join(dir, 'rounds', 'broken.yaml'), 'id: [unclosed');
    writeFileSync(
      join(dir, 'questions', 'extra.yaml'),
      'round: no-such-round\nquestions:\n  - id: q1\n    prompt: p\n    difficulty: easy\n    topics: [t]\n    minutes: 5\n    followUps: [{ text: f }]\n    hints: [h]\n    signals: [s]\n    redFlags: [r]\n',
    );
    const principles = join(dir, 'rounds', 'behavioral.yaml');
    writeFileSync(
      principles,
      readFileSync(principles, 'utf8').replace(
        /leadershipPrinciples: \[([a-z-]+)/,
        'leadershipPrinciples: [made-up-principle',
      ),
    );
    const problems = problemsOf(dir);
    expect(problems.find((p) => p.file.endsWith('broken.yaml'))?.path).toBe('');
    expect(problems).toContainEqual(
      expect.objectContaining({ path: 'round', message: 'no round "no-such-round"' }),
    );
    expect(
      problems.some((p) => p.message === 'unknown Leadership Principle "made-up-principle"'),
    ).toBe(true);
  });

  it('gives the online assessment the algorithm problems of the coding bank, shared', () => {
    const catalog = loadCatalog();
    const coding = catalog.rounds.find((r) => r.id === 'coding')!;
    const oa = catalog.rounds.find((r) => r.id === 'online-assessment')!;
    expect(oa.drawsFrom).toEqual({ round: 'coding', family: 'coding' });
    expect(oa.questions).toEqual(
      coding.questions.filter((q) => (q.family ?? 'coding') === 'coding'),
    );
    expect(oa.questions.length).toBeGreaterThanOrEqual(2);
    oa.questions.forEach((q) => expect(coding.questions).toContain(q));
    expect(catalog.templates.find((t) => t.id === 'online-assessment')).toMatchObject({
      rounds: ['online-assessment', 'online-assessment'],
      solo: true,
      drill: false,
    });
  });

  it('refuses a round that draws from a missing round or has questions of its own too', () => {
    const dir = copyOfContent();
    const file = join(dir, 'rounds', 'online-assessment.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('round: coding', 'round: no-such-round'));
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({ path: 'drawsFrom.round', message: 'no round "no-such-round"' }),
    );
    writeFileSync(file, text);
    writeFileSync(
      join(dir, 'questions', 'oa.yaml'),
      'round: online-assessment\nquestions:\n  - id: q1\n    prompt: p\n    difficulty: easy\n    topics: [t]\n    minutes: 5\n    followUps: [{ text: f }]\n    hints: [h]\n    signals: [s]\n    redFlags: [r]\n',
    );
    expect(problemsOf(dir)).toContainEqual(
      expect.objectContaining({
        path: 'questions',
        message: 'a round that draws from "coding" takes no questions of its own',
      }),
    );
  });

  it('adds the questions of an extra question file to its round', () => {
    const dir = copyOfContent();
    writeFileSync(
      join(dir, 'questions', 'my-questions.yaml'),
      'round: screen\nquestions:\n  - id: my-own-question\n    prompt: Tell me about a model you are proud of.\n    difficulty: easy\n    topics: [projects]\n    minutes: 8\n    followUps: [{ text: What would you change now? }]\n    hints: [Start from the customer problem.]\n    signals: [Quantified impact]\n    redFlags: [No numbers at all]\n',
    );
    const screen = loadCatalog(dir).rounds.find((r) => r.id === 'screen')!;
    expect(screen.questions.map((q) => q.id)).toContain('my-own-question');
  });
});
