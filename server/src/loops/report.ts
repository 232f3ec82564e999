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
  type ReportRecording,
  type ReportScore,
} from '@mockloop/shared/report';
import { STAR_FIELD_NAMES, STAR_FIELDS } from '@mockloop/shared/star';
import type { RoundReplay } from '@mockloop/shared/replay/replay';

/** Milliseconds from the round's start, or null. */
const sinceStart = (at: number | null, startedAt: number | null) =>
  at === null || startedAt === null ? null : Math.max(0, at - startedAt);

/** User text in a code fence longer than any run of backticks in it, so it cannot close it. */
function fenced(text: string): string {
  const fence = '`'.repeat(Math.max(3, ...[...text.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${fence}\n${text}\n${fence}`;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** The size of one round's diagram: its elements that are not deleted. */
export interface DrawingSize {
  elements: number;
  /** UTF-8 bytes of their JSON, commas between them not counted. */
  bytes: number;
}

/**
 * The whiteboards of a loop, for its reports: each round's diagram size, and a way to
 * read one diagram's elements as the UTF-8 JSON the store keeps. Reports splice those
 * bytes in as they are rather than parse and write them again, and read only the diagrams
 * that fit, which keeps their cost bounded whatever the boards hold.
 */
export interface Drawings {
  sizes: ReadonlyMap<number, DrawingSize>;
  read(round: number): Promise<Buffer[]>;
}

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
        ran: round.startedAt !== null,
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

/**
 * `report.json`, as bytes: the report with each round's diagram spliced in as stored, in
 * round order, as long as the file stays within `REPORT_MAX_BYTES`; a diagram that does
 * not fit is not read, and the round says so (`diagramLeftOut`).
 */
export async function reportToJson(report: LoopReport, drawings: Drawings): Promise<Buffer> {
  const nonce = randomBytes(12).toString('hex');
  const slot = (round: number) => JSON.stringify(`@@diagram-${nonce}-${round}@@`);
  const json = JSON.stringify({
    ...report,
    rounds: report.rounds.map((round, index) =>
      round.diagram === null ? round : { ...round, diagram: `@@diagram-${nonce}-${index}@@` },
    ),
  });
  // What goes in each slot: the diagram, or an empty one and how many elements it has.
  const fills = new Map<number, Buffer[] | string>();
  let budget = REPORT_MAX_BYTES - Buffer.byteLength(json);
  const leftOut = (elements: number) => `[],"diagramLeftOut":${elements}`;
  report.rounds.forEach((round, index) => {
    if (round.diagram === null) return;
    const size = drawings.sizes.get(index) ?? { elements: 0, bytes: 0 };
    const bytes = size.bytes + Math.max(0, size.elements - 1) + 2;
    // Each slot's own text leaves the file, and what fills it comes in.
    const freed = slot(index).length;
    if (bytes - freed <= budget) {
      budget -= bytes - freed;
      fills.set(index, []);
    } else {
      const text = leftOut(size.elements);
      budget -= text.length - freed;
      fills.set(index, text);
    }
  });
  const parts: Buffer[] = [];
  let from = 0;
  for (const [index, fill] of fills) {
    const marker = slot(index);
    const at = json.indexOf(marker, from);
    parts.push(Buffer.from(json.slice(from, at)));
    if (typeof fill === 'string') parts.push(Buffer.from(fill));
    else {
      const rows = await drawings.read(index);
      parts.push(Buffer.from('['));
      rows.forEach((row, i) => parts.push(...(i ? [Buffer.from(','), row] : [row])));
      parts.push(Buffer.from(']'));
    }
    from = at + marker.length;
  }
  parts.push(Buffer.from(json.slice(from)));
  return Buffer.concat(parts);
}

/**
 * Adds round replays (and, if given, recordings with their audio) to a report as built by
 * `reportToJson`: each, in order, that fits within `maxBytes` with what is already there;
 * those that do not are named.
 */
export function withReplays(
  json: Buffer,
  replays: readonly RoundReplay[],
  audio: { recordings: readonly ReportRecording[]; tooLarge: readonly string[] } | null = null,
  maxBytes = REPORT_MAX_BYTES,
): Buffer {
  const recordings = audio?.recordings ?? [];
  const overhead = '"replays":[],"replaysLeftOut":[],"recordings":[],"recordingsLeftOut":[],';
  let budget = maxBytes - json.length - overhead.length;
  const fit = <T>(items: readonly T[], name: (item: T) => string) => {
    const kept: string[] = [];
    const leftOut: string[] = [];
    for (const item of items) {
      const text = JSON.stringify(item);
      if (Buffer.byteLength(text) + 1 <= budget) {
        kept.push(text);
        budget -= Buffer.byteLength(text) + 1;
      } else {
        leftOut.push(name(item));
        budget -= name(item).length + 1;
      }
    }
    return { kept, leftOut };
  };
  const rounds = fit(replays, (replay) => String(replay.round));
  const sounds = fit(recordings, (recording) => JSON.stringify(recording.id));
  const leftOut = [...(audio?.tooLarge ?? []).map((id) => JSON.stringify(id)), ...sounds.leftOut];
  const tail = [
    `,"replays":[${rounds.kept.join(',')}]`,
    rounds.leftOut.length ? `,"replaysLeftOut":[${rounds.leftOut.join(',')}]` : '',
    audio ? `,"recordings":[${sounds.kept.join(',')}]` : '',
    leftOut.length ? `,"recordingsLeftOut":[${leftOut.join(',')}]` : '',
  ].join('');
  // The report is one JSON object: the replays go in before its closing brace.
  return Buffer.concat([
    json.subarray(0, json.lastIndexOf('}')),
    Buffer.from(tail),
    Buffer.from('}'),
  ]);
}

export function reportToMarkdown(report: LoopReport, drawings: Pick<Drawings, 'sizes'>): string {
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
        `Diagram: ${drawings.sizes.get(report.rounds.indexOf(round))?.elements ?? 0} elements on the whiteboard (report.json holds them; import it in mockloop to see the image).`,
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
