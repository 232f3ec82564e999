/**
 * Loop reports (JSON and Markdown). A report is built from a role's projection, so
 * it never holds more than that role may see.
 */
import type { CatalogIndex } from '@mockloop/shared/catalog-index';
import { LEVEL_NAMES, TARGET_LEVEL_NAMES } from '@mockloop/shared/levels';
import type { LoopView, QuestionView } from '@mockloop/shared/loop/project';
import type { Rating } from '@mockloop/shared/loop/state';
import { randomBytes } from 'node:crypto';
import type { LoopEvent } from '@mockloop/shared/loop/events';
import { ratingGap } from '@mockloop/shared/review/calibration';
import { LP_SOURCE_LABELS, lpCoverage } from '@mockloop/shared/review/lp-coverage';
import { pacingFromEvents } from '@mockloop/shared/review/pacing';
import {
  REPORT_FORMAT,
  REPORT_MAX_BYTES,
  type LoopReport,
  type ReportScore,
} from '@mockloop/shared/report';
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

/**
 * The whiteboard of each round that has one, by round index: its elements that are not
 * deleted, each as the JSON text the store keeps. Reports splice that text in as it is
 * rather than parse and write it again, which keeps their cost bounded.
 */
export type Drawings = ReadonlyMap<number, readonly string[]>;

/** A question's signals ticked as heard, or null where this role does not see the signals. */
const heard = (question: QuestionView) =>
  question.signals
    ? (question.signalsTicked ?? []).flatMap((i) => question.signals?.[i] ?? [])
    : null;

/** The hints revealed and follow-ups pushed of one question, with when. */
function ledgerOf(question: QuestionView, part?: 'lp') {
  const mark = part ? { part } : {};
  return [
    ...question.hints.flatMap((h) =>
      h.revealedAt === null
        ? []
        : [{ kind: 'hint' as const, ...mark, index: h.index, text: h.text, at: h.revealedAt }],
    ),
    ...question.followUps.flatMap((f) =>
      f.pushedAt === null
        ? []
        : [{ kind: 'follow-up' as const, ...mark, index: f.index, text: f.text, at: f.pushedAt }],
    ),
  ];
}

/**
 * The report of a loop as `view`'s role sees it; `events` needs only the types in
 * `PACING_EVENTS`. A whiteboard round's `diagram` is left empty: `reportToJson` fills it.
 */
export function buildReport(
  view: LoopView,
  content: CatalogIndex,
  events: readonly LoopEvent[],
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
        lpQuestion: round.lp && {
          id: round.lp.question.id,
          prompt: round.lp.question.prompt,
          leadershipPrinciples: round.lp.question.leadershipPrinciples,
          hintsUsed: round.lp.question.hints.filter((h) => h.revealedAt !== null).length,
          signalsHeard: heard(round.lp.question),
        },
        ledger: [
          ...(round.lp ? ledgerOf(round.lp.question, 'lp') : []),
          ...ledgerOf(round.question),
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
        diagram: round.workspace === 'whiteboard' ? [] : null,
        signalsHeard: heard(round.question),
      };
    }),
    debrief: view.debrief,
    principles: lpCoverage(
      view.rounds.map((round) => ({
        index: round.index,
        title: round.title,
        questionPrinciples: round.question.leadershipPrinciples,
        lpPrinciples: round.lp?.question.leadershipPrinciples ?? [],
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

/** Room kept for the fields that say a diagram was left out. */
const LEFT_OUT_MARGIN_BYTES = 4 * 1024;

/**
 * `report.json`: the report with each round's diagram spliced in as stored, in round
 * order, as long as the file stays within `REPORT_MAX_BYTES`; a diagram that does not fit
 * is left out and says so (`diagramLeftOut`).
 */
export function reportToJson(report: LoopReport, drawings: Drawings): string {
  const nonce = randomBytes(12).toString('hex');
  const slot = (round: number) => `@@diagram-${nonce}-${round}@@`;
  const withSlots = (leftOut: ReadonlyMap<number, number>) =>
    JSON.stringify({
      ...report,
      rounds: report.rounds.map((round, index) =>
        round.diagram === null
          ? round
          : leftOut.has(index)
            ? { ...round, diagram: [], diagramLeftOut: leftOut.get(index) }
            : { ...round, diagram: slot(index) },
      ),
    });
  const arrays = new Map<number, string>();
  const leftOut = new Map<number, number>();
  let budget = REPORT_MAX_BYTES - LEFT_OUT_MARGIN_BYTES - Buffer.byteLength(withSlots(leftOut));
  report.rounds.forEach((round, index) => {
    if (round.diagram === null) return;
    const rows = drawings.get(index) ?? [];
    const array = `[${rows.join(',')}]`;
    const bytes = Buffer.byteLength(array);
    if (bytes <= budget) {
      budget -= bytes;
      arrays.set(index, array);
    } else leftOut.set(index, rows.length);
  });
  let json = withSlots(leftOut);
  for (const [index, array] of arrays) {
    const marker = JSON.stringify(slot(index));
    const at = json.indexOf(marker);
    json = json.slice(0, at) + array + json.slice(at + marker.length);
  }
  return json;
}

export function reportToMarkdown(report: LoopReport, drawings: Drawings): string {
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
      ...(round.lpQuestion
        ? [
            `Opening Leadership Principle question: ${cell(round.lpQuestion.prompt)}` +
              ` (${round.lpQuestion.leadershipPrinciples.map(cell).join(', ')})`,
          ]
        : []),
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
        `${entry.part === 'lp' ? 'Opening story — ' : ''}` +
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
        `Diagram: ${drawings.get(report.rounds.indexOf(round))?.length ?? 0} elements on the whiteboard (report.json holds them; import it in mockloop to see the image).`,
      );
    if (round.lastRun)
      lines.push('', `Last test run (${round.lastRun.language}): ${cell(round.lastRun.message)}`);
    if (round.lpQuestion?.signalsHeard)
      lines.push(
        '',
        `Opening story signals heard: ${round.lpQuestion.signalsHeard.length ? round.lpQuestion.signalsHeard.map(cell).join('; ') : 'none ticked'}`,
      );
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
      `- ${cell(p.name)}: ${p.sources.map((s) => `${cell(s.title)} (${LP_SOURCE_LABELS[s.via]})`).join(', ')}`,
    );
  if (missing.length)
    lines.push('', `Not evidenced: ${missing.map((p) => cell(p.name)).join(', ')}`);
  return `${lines.join('\n')}\n`;
}
