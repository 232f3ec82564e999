import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/src/content';
import { checkCoverage, readCoverage } from '../../rounds/src/coverage';
import { DEFAULT_CONTENT_DIR } from '../../rounds/src/load';
import { catalog } from '../helpers/content';

const requirements = readCoverage(DEFAULT_CONTENT_DIR);
const clone = (): Catalog => structuredClone(catalog);

describe('content coverage check', () => {
  it('finds no gap in the shipped question bank', () => {
    const report = checkCoverage(catalog, requirements);
    expect(report.gaps).toEqual([]);
    expect(report.difficulty.every((r) => r.total >= 12)).toBe(true);
    expect(report.principles).toHaveLength(16);
    expect(report.principles.every((p) => p.questions.length >= 5)).toBe(true);
  });

  it('reports a brief topic that no question practises', () => {
    const broken = clone();
    for (const q of broken.rounds.find((r) => r.id === 'coding')!.questions) {
      q.topics = q.topics.filter((t) => t !== 'topological-sort');
    }
    expect(checkCoverage(broken, requirements).gaps).toContain(
      'coding: nothing practises "Graphs: topological sort, dependencies"',
    );
  });

  it('reports a Leadership Principle targeted by fewer than five questions', () => {
    const broken = clone();
    const story = broken.rounds.filter((r) => r.id === 'behavioral' || r.id === 'bar-raiser');
    const targeting = story
      .flatMap((r) => r.questions)
      .filter((q) => q.leadershipPrinciples.includes('frugality'));
    for (const q of targeting.slice(4))
      q.leadershipPrinciples = q.leadershipPrinciples.filter((lp) => lp !== 'frugality');
    expect(checkCoverage(broken, requirements).gaps.join('\n')).toMatch(
      /"Frugality": 4 questions, needs 5/,
    );
  });

  it('reports thin rounds, missing constraint changes and coding questions short of test cases', () => {
    const broken = clone();
    const coding = broken.rounds.find((r) => r.id === 'coding')!;
    coding.questions = coding.questions.slice(0, 11);
    coding.questions[0]!.followUps = coding.questions[0]!.followUps.map((f) => ({
      ...f,
      constraintChange: false,
    }));
    coding.questions[1]!.coding!.tests = coding.questions[1]!.coding!.tests.slice(0, 5);
    const gaps = checkCoverage(broken, requirements).gaps.join('\n');
    expect(gaps).toMatch(/coding: 11 questions, needs 12/);
    expect(gaps).toMatch(/no follow-up changes the constraints/);
    expect(gaps).toMatch(/5 test cases, needs 6/);
  });
});
