/**
 * Loop reports (JSON and Markdown). A report is built from a role's projection, so
 * it never holds more than that role may see.
 */
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { LEVEL_NAMES, TARGET_LEVEL_NAMES } from '@mockloop/shared/levels';
import type { LoopView } from '@mockloop/shared/loop/project';
import type { Rating } from '@mockloop/shared/loop/state';
import type { BoardElement } from '@mockloop/shared/board';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import { ratingGap } from '@mockloop/shared/review/calibration';
import { lpCoverage } from '@mockloop/shared/review/lp-coverage';
import { pacingFromEvents } from '@mockloop/shared/review/pacing';
import { REPORT_FORMAT, type LoopReport, type ReportScore } from '@mockloop/shared/report';
import { STAR_FIELD_NAMES, STAR_FIELDS } from '@mockloop/shared/star';

/** Milliseconds from the round's start, or null. */
const sinceStart = (at: number | null, startedAt: number | null) =>
  at === null || startedAt === null ? null : Math.max(0, at - startedAt);

/** User text in a code fence longer than any run of backticks in it, so it cannot close it. */
function fenced(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}\n${text}\n${fence}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function buildReport(
  view: LoopView,
  content: CatalogIndex,
  events: readonly LoopEvent[],
  /** The whiteboard elements of each round that has a whiteboard, by round index. */
  diagrams: ReadonlyMap<number, BoardElement[]> = new Map(),
): LoopReport {
  const pacing = pacingFromEvents(events);
  return {
    format: REPORT_FORMAT,
    loop: {
      id: view.id,
      mode: view.mode,
      status: view.status,
      targetLevel: view.targetLevel,
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
        ledger: [
          ...round.question.hints.flatMap((h) =>
            h.revealedAt === null
              ? []
              : [{ kind: 'hint' as const, index: h.index, text: h.text, at: h.revealedAt }],
          ),
          ...round.question.followUps.flatMap((f) =>
            f.pushedAt === null
              ? []
              : [{ kind: 'follow-up' as const, index: f.index, text: f.text, at: f.pushedAt }],
          ),
        ]
          .sort((a, b) => a.at - b.at)
          .map(({ at, ...entry }) => ({ ...entry, afterMs: sinceStart(at, round.startedAt) })),
        pacing: pacing[round.index] ?? null,
        dimensions: rubric.map((d) => ({
          id: d.id,
          title: d.title,
          self: self?.ratings[d.id] ?? null,
          partner: partner?.ratings[d.id] ?? null,
          gap: ratingGap(self?.ratings[d.id], partner?.ratings[d.id]),
        })),
        self: score(self),
        partner: score(partner),
        notes: round.notes,
        ...(round.privateNotes !== undefined ? { privateNotes: round.privateNotes } : {}),
        code: round.code && round.code.text ? round.code : null,
        lastRun: round.lastRun && {
          language: round.lastRun.language,
          outcome: round.lastRun.outcome,
          message: round.lastRun.message,
          passed: round.lastRun.cases.filter((c) => c.passed).length,
          total: round.lastRun.cases.length,
        },
        star: round.star,
        diagram: round.workspace === 'whiteboard' ? (diagrams.get(round.index) ?? []) : null,
        signalsHeard: round.question.signals
          ? (round.question.signalsTicked ?? []).flatMap((i) => round.question.signals?.[i] ?? [])
          : null,
      };
    }),
    debrief: view.debrief,
    principles: lpCoverage(
      view.rounds.map((round) => ({
        index: round.index,
        title: round.title,
        questionPrinciples: round.question.leadershipPrinciples,
        starPrinciples: round.star?.principles ?? [],
      })),
      content.catalog.principles,
    ),
  };
}

const rating = (r: Rating | null) =>
  r === null ? '—' : r === 'no-signal' ? 'no signal' : String(r);
const gapText = (gap: number | null) => (gap === null ? '—' : gap > 0 ? `+${gap}` : String(gap));
const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
const vote = (s: ReportScore | null) => (s ? `${s.vote} ${LEVEL_NAMES[s.vote]}` : '—');
/** Keeps user text from breaking the Markdown table or injecting markup. */
const cell = (text: string) => text.replace(/[\\|<>]/g, (c) => `\\${c}`).replace(/\s+/g, ' ');

export function reportToMarkdown(report: LoopReport): string {
  const lines = [
    `# mockloop report — loop ${report.loop.id}`,
    '',
    `Mode: ${report.loop.mode} · Level targeted: ${report.loop.targetLevel} (${TARGET_LEVEL_NAMES[report.loop.targetLevel]})` +
      ` · Status: ${report.loop.status} · Started: ${report.loop.createdAt}` +
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
      '| Dimension | Self | Partner | Gap |',
      '| --- | --- | --- | --- |',
      ...round.dimensions.map(
        (d) =>
          `| ${cell(d.title)} | ${rating(d.self)} | ${rating(d.partner)} | ${gapText(d.gap)} |`,
      ),
    );
    if (round.pacing?.phases.some((p) => p.reached)) {
      lines.push('', 'Pacing (spent / planned):');
      for (const phase of round.pacing.phases)
        lines.push(
          `- ${cell(phase.title)}: ${minutes(phase.spentMs)} / ${minutes(phase.plannedMs)}`,
        );
    }
    for (const entry of round.ledger)
      lines.push(
        '',
        `${entry.kind === 'hint' ? 'Hint' : 'Follow-up'} ${entry.index + 1}` +
          `${entry.afterMs === null ? '' : ` at ${minutes(entry.afterMs)}`}: ${cell(entry.text)}`,
      );
    if (round.star) {
      lines.push('', '### STAR answer', '');
      for (const field of STAR_FIELDS)
        if (round.star[field])
          lines.push(`- **${STAR_FIELD_NAMES[field]}:** ${cell(round.star[field])}`);
      if (round.star.principles.length)
        lines.push(`- **Principles:** ${round.star.principles.join(', ')}`);
    }
    for (const [label, text] of [
      ['Notes', round.notes],
      ["Interviewer's private notes", round.privateNotes ?? ''],
    ] as const) {
      if (text.trim()) lines.push('', `### ${label}`, '', fenced(text));
    }
    if (round.code) {
      lines.push('', `### Code (${round.code.language})`, '', fenced(round.code.text));
    }
    if (round.diagram)
      lines.push(
        '',
        `Diagram: ${round.diagram.length} elements on the whiteboard (report.json holds them; import it in mockloop to see the image).`,
      );
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
  const shown = report.principles.filter((p) => p.sources.length);
  const missing = report.principles.filter((p) => !p.sources.length);
  lines.push('', '## Leadership Principles', '');
  for (const p of shown)
    lines.push(
      `- ${cell(p.name)}: ${p.sources.map((s) => `${cell(s.title)} (${s.via === 'star' ? 'STAR tag' : 'question'})`).join(', ')}`,
    );
  if (missing.length)
    lines.push('', `Not evidenced: ${missing.map((p) => cell(p.name)).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
