import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SIX_ROUNDS } from '../helpers/content';
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
  it('loads the six rounds in loop order with 16 Leadership Principles and three templates', () => {
    const catalog = loadCatalog();
    expect(catalog.rounds.map((r) => r.id)).toEqual(SIX_ROUNDS);
    expect(catalog.principles).toHaveLength(16);
    expect(catalog.templates.map((t) => t.id)).toEqual(['full-loop', 'onsite', 'drill']);
    for (const round of catalog.rounds) {
      expect(round.questions.length, round.id).toBeGreaterThanOrEqual(3);
      expect(round.rubric.length, round.id).toBeGreaterThanOrEqual(4);
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
