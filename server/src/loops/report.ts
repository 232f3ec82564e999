/**
 * Loop reports (JSON and Markdown). A report is built from a role's projection, so
 * it never holds more than that role may see.
 */
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { LEVEL_NAMES, type Level } from '@mockloop/shared/levels';
import type { DebriefResult } from '@mockloop/shared/debrief';
import type { LoopView } from '@mockloop/shared/loop/project';
import type { Rating } from '@mockloop/shared/loop/state';
import { STAR_FIELD_NAMES, STAR_FIELDS, type StarAnswer } from '@mockloop/shared/star';

export const REPORT_FORMAT = 'mockloop-report@1';

export interface ReportScore {
  vote: Level;
  justification: string;
  submittedAt: number;
}

export interface LoopReport {
  format: typeof REPORT_FORMAT;
  loop: { id: string; mode: string; status: string; createdAt: string; endedAt: string | null };
  viewedAs: string;
  rounds: {
    roundId: string;
    title: string;
    status: string;
    minutes: number;
    question: { id: string; prompt: string; difficulty: string };
    hintsUsed: number;
    dimensions: { id: string; title: string; self: Rating | null; partner: Rating | null }[];
    self: ReportScore | null;
    partner: ReportScore | null;
    /** Coding rounds: the final code and its last test run. */
    code: { language: string; text: string } | null;
    lastRun: {
      language: string;
      outcome: string;
      message: string;
      passed: number;
      total: number;
    } | null;
    /** Behavioral rounds: the STAR answer. */
    star: StarAnswer | null;
    /** The question's signals ticked as heard, where this role sees the signals. */
    signalsHeard: string[] | null;
  }[];
  debrief: DebriefResult | null;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function buildReport(view: LoopView, content: CatalogIndex): LoopReport {
  return {
    format: REPORT_FORMAT,
    loop: {
      id: view.id,
      mode: view.mode,
      status: view.status,
      createdAt: iso(view.createdAt)!,
      endedAt: iso(view.endedAt),
    },
    viewedAs: view.role,
    rounds: view.rounds.map((round) => {
      const self = round.scores.self?.card ?? null;
      const partner = round.scores.partner?.card ?? null;
      const rubric = content.round(round.roundId)?.rubric ?? [];
      const score = (card: typeof self): ReportScore | null =>
        card && {
          vote: card.vote,
          justification: card.justification,
          submittedAt: card.submittedAt,
        };
      return {
        roundId: round.roundId,
        title: round.title,
        status: round.status,
        minutes: round.minutes,
        question: {
          id: round.question.id,
          prompt: round.question.prompt,
          difficulty: round.question.difficulty,
        },
        hintsUsed: round.question.hints.filter((h) => h.revealedAt !== null).length,
        dimensions: rubric.map((d) => ({
          id: d.id,
          title: d.title,
          self: self?.ratings[d.id] ?? null,
          partner: partner?.ratings[d.id] ?? null,
        })),
        self: score(self),
        partner: score(partner),
        code: round.code && round.code.text ? round.code : null,
        lastRun: round.lastRun && {
          language: round.lastRun.language,
          outcome: round.lastRun.outcome,
          message: round.lastRun.message,
          passed: round.lastRun.cases.filter((c) => c.passed).length,
          total: round.lastRun.cases.length,
        },
        star: round.star,
        signalsHeard: round.question.signals
          ? (round.question.signalsTicked ?? []).flatMap((i) => round.question.signals?.[i] ?? [])
          : null,
      };
    }),
    debrief: view.debrief,
  };
}

const rating = (r: Rating | null) =>
  r === null ? '—' : r === 'no-signal' ? 'no signal' : String(r);
const vote = (s: ReportScore | null) => (s ? `${s.vote} ${LEVEL_NAMES[s.vote]}` : '—');
/** Keeps user text from breaking the Markdown table or injecting markup. */
const cell = (text: string) => text.replace(/[\\|<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

export function reportToMarkdown(report: LoopReport): string {
  const lines = [
    `# mockloop report — loop ${report.loop.id}`,
    '',
    `Mode: ${report.loop.mode} · Status: ${report.loop.status} · Started: ${report.loop.createdAt}` +
      (report.loop.endedAt ? ` · Ended: ${report.loop.endedAt}` : ''),
    '',
    '## Debrief',
    '',
    report.debrief
      ? `**${report.debrief.outcome.toUpperCase()}** — ${report.debrief.explanation}`
      : 'The loop is still in progress: no debrief yet.',
  ];
  for (const round of report.rounds) {
    lines.push(
      '',
      `## ${round.title}`,
      '',
      `Question: ${cell(round.question.prompt)} (${round.question.difficulty})`,
      `Status: ${round.status} · Hints used: ${round.hintsUsed}`,
      `Vote — self: ${vote(round.self)} · partner: ${vote(round.partner)}`,
      '',
      '| Dimension | Self | Partner |',
      '| --- | --- | --- |',
      ...round.dimensions.map(
        (d) => `| ${cell(d.title)} | ${rating(d.self)} | ${rating(d.partner)} |`,
      ),
    );
    if (round.star) {
      lines.push('', '### STAR answer', '');
      for (const field of STAR_FIELDS)
        if (round.star[field])
          lines.push(`- **${STAR_FIELD_NAMES[field]}:** ${cell(round.star[field])}`);
      if (round.star.principles.length)
        lines.push(`- **Principles:** ${round.star.principles.join(', ')}`);
    }
    if (round.code) {
      // A fence longer than any run of backticks in the code cannot be closed by it.
      const fence = '`'.repeat(
        Math.max(3, ...[...round.code.text.matchAll(/`+/g)].map((m) => m[0].length + 1)),
      );
      lines.push('', `### Code (${round.code.language})`, '', fence, round.code.text, fence);
    }
    if (round.lastRun)
      lines.push('', `Last test run (${round.lastRun.language}): ${cell(round.lastRun.message)}`);
    if (round.signalsHeard)
      lines.push(
        '',
        `Signals heard: ${round.signalsHeard.length ? round.signalsHeard.map(cell).join('; ') : 'none ticked'}`,
      );
    for (const [who, score] of [
      ['Self', round.self],
      ['Partner', round.partner],
    ] as const) {
      if (score?.justification)
        lines.push('', `${who} justification: ${cell(score.justification)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
