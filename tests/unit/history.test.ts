/** Progress across loops, derived from the reports of the loops this device opened. */
import { describe, expect, it } from 'vitest';
import type { TargetLevel } from '../../shared/src/levels';
import type { Rating } from '../../shared/src/loop/state';
import { REPORT_FORMAT, type LoopReport } from '../../shared/src/report';
import {
  calibrationOverTime,
  dimensionTrends,
  loopSummaries,
  lpHeatmap,
  weakestDimensions,
} from '../../shared/src/review/history';

type Dim = [id: string, self: Rating | null, partner: Rating | null];
interface RoundSpec {
  roundId: string;
  title?: string;
  dims: Dim[];
}

const TITLES: Record<string, string> = {
  clarity: 'Clarity',
  depth: 'Depth',
  metrics: 'Metrics',
  testing: 'Testing',
};

/** A report with just what the history reads; everything else empty. */
function report(
  id: string,
  day: number,
  rounds: RoundSpec[],
  extra: {
    mode?: string;
    targetLevel?: TargetLevel;
    viewedAs?: string;
    status?: string;
    outcome?: 'hire' | 'no-hire' | 'no-decision';
    principles?: [string, number][];
  } = {},
): LoopReport {
  const at = new Date(Date.UTC(2025, 0, day)).toISOString();
  const ended = (extra.status ?? 'ended') === 'ended';
  return {
    format: REPORT_FORMAT,
    loop: {
      id,
      mode: extra.mode ?? 'paired',
      status: extra.status ?? 'ended',
      targetLevel: extra.targetLevel ?? 'L5',
      createdAt: at,
      endedAt: ended ? at : null,
    },
    viewedAs: extra.viewedAs ?? 'candidate',
    rounds: rounds.map((r) => ({
      roundId: r.roundId,
      title: r.title ?? `Round ${r.roundId}`,
      status: 'done',
      minutes: 30,
      question: { id: 'q', prompt: 'p', difficulty: 'easy' },
      hintsUsed: 0,
      ledger: [],
      pacing: null,
      dimensions: r.dims.map(([dimId, self, partner]) => ({
        id: dimId,
        title: TITLES[dimId] ?? dimId,
        self,
        partner,
        gap: typeof self === 'number' && typeof partner === 'number' ? self - partner : null,
      })),
      self: null,
      partner: null,
      notes: '',
      code: null,
      lastRun: null,
      star: null,
      signalsHeard: null,
      diagram: null,
    })),
    debrief: extra.outcome
      ? {
          outcome: extra.outcome,
          clause: 'all-clauses-met',
          explanation: '',
          inclinedOrBetter: 0,
          scored: 0,
          unscored: [],
        }
      : null,
    principles: (extra.principles ?? []).map(([pid, count]) => ({
      id: pid,
      name: pid.toUpperCase(),
      sources: Array.from({ length: count }, (_, i) => ({
        round: i,
        title: 'x',
        via: 'question' as const,
      })),
    })),
  };
}

describe('loop summaries', () => {
  it('lists every loop newest first with its date, mode, level, role and outcome', () => {
    const reports = [
      report('b', 5, [], { mode: 'solo', targetLevel: 'L4', outcome: 'no-hire' }),
      report('a', 2, [], { viewedAs: 'interviewer', outcome: 'hire' }),
      report('c', 9, [], { status: 'in-progress', targetLevel: 'L6' }),
    ];
    expect(loopSummaries(reports)).toEqual([
      {
        loopId: 'c',
        at: '2025-01-09T00:00:00.000Z',
        mode: 'paired',
        targetLevel: 'L6',
        role: 'candidate',
        status: 'in-progress',
        outcome: null,
        rounds: [],
      },
      expect.objectContaining({ loopId: 'b', mode: 'solo', targetLevel: 'L4', outcome: 'no-hire' }),
      expect.objectContaining({
        loopId: 'a',
        targetLevel: 'L5',
        role: 'interviewer',
        outcome: 'hire',
      }),
    ]);
  });
});

describe('dimension trends', () => {
  it('follows each dimension over the candidate’s ended loops, oldest first, levels only', () => {
    const reports = [
      report('later', 8, [{ roundId: 'screen', dims: [['clarity', 3, 4]] }]),
      report('first', 1, [
        {
          roundId: 'screen',
          dims: [
            ['clarity', 2, 1],
            ['depth', 'no-signal', null],
          ],
        },
      ]),
      report('as-interviewer', 4, [{ roundId: 'screen', dims: [['clarity', 1, 1]] }], {
        viewedAs: 'interviewer',
      }),
      report('running', 9, [{ roundId: 'screen', dims: [['clarity', 1, null]] }], {
        status: 'in-progress',
      }),
      report('solo', 6, [{ roundId: 'screen', dims: [['clarity', 'no-signal', null]] }], {
        mode: 'solo',
      }),
    ];
    expect(dimensionTrends(reports)).toEqual([
      {
        roundId: 'screen',
        roundTitle: 'Round screen',
        dimensionId: 'clarity',
        title: 'Clarity',
        points: [
          { loopId: 'first', at: '2025-01-01T00:00:00.000Z', self: 2, partner: 1 },
          { loopId: 'later', at: '2025-01-08T00:00:00.000Z', self: 3, partner: 4 },
        ],
      },
    ]);
  });

  it('keeps a dimension of the same id in two rounds apart', () => {
    const trends = dimensionTrends([
      report('x', 1, [
        { roundId: 'screen', dims: [['clarity', 2, null]] },
        { roundId: 'depth', dims: [['clarity', 4, null]] },
      ]),
    ]);
    expect(trends.map((t) => [t.roundId, t.dimensionId, t.points[0]!.self])).toEqual([
      ['screen', 'clarity', 2],
      ['depth', 'clarity', 4],
    ]);
  });
});

describe('calibration over time', () => {
  it('gives each loop the mean self − partner gap over dimensions both rated', () => {
    const points = calibrationOverTime([
      report('second', 3, [
        {
          roundId: 'screen',
          dims: [
            ['clarity', 3, 3],
            ['depth', 4, 2],
          ],
        },
        { roundId: 'coding', dims: [['testing', 1, 2]] },
      ]),
      report('first', 1, [
        {
          roundId: 'screen',
          dims: [
            ['clarity', 4, 1],
            ['depth', 'no-signal', 2],
            ['metrics', 3, null],
          ],
        },
      ]),
      report('solo', 2, [{ roundId: 'screen', dims: [['clarity', 4, null]] }], { mode: 'solo' }),
    ]);
    expect(points).toEqual([
      { loopId: 'first', at: '2025-01-01T00:00:00.000Z', meanGap: 3, dimensions: 1 },
      { loopId: 'second', at: '2025-01-03T00:00:00.000Z', meanGap: 1 / 3, dimensions: 3 },
    ]);
  });
});

describe('Leadership Principle heatmap', () => {
  it('counts the evidence of every principle per loop, oldest loop first', () => {
    const map = lpHeatmap([
      report('b', 2, [], {
        principles: [
          ['ownership', 0],
          ['dive-deep', 3],
        ],
      }),
      report('a', 1, [], {
        principles: [
          ['ownership', 2],
          ['dive-deep', 1],
        ],
      }),
      report('interviewing', 3, [], { viewedAs: 'interviewer', principles: [['ownership', 5]] }),
    ]);
    expect(map.loops.map((l) => l.loopId)).toEqual(['a', 'b']);
    expect(map.rows).toEqual([
      { id: 'ownership', name: 'OWNERSHIP', counts: [2, 0], total: 2 },
      { id: 'dive-deep', name: 'DIVE-DEEP', counts: [1, 3], total: 4 },
    ]);
  });

  it('is empty when no loop has ended', () => {
    expect(
      lpHeatmap([report('a', 1, [], { status: 'in-progress', principles: [['ownership', 1]] })]),
    ).toEqual({ loops: [], rows: [] });
  });
});

describe('weakest dimensions', () => {
  it('ranks by the partner’s rating where given, else the self-score, lowest first', () => {
    const weak = weakestDimensions([
      report('1', 1, [
        {
          roundId: 'screen',
          title: 'Phone screen',
          dims: [
            ['clarity', 4, 1], // partner's 1 counts, not the self 4
            ['depth', 2, null], // self-score 2 counts: no partner
            ['metrics', 3, 3],
          ],
        },
        { roundId: 'coding', title: 'Coding', dims: [['testing', 4, 4]] },
      ]),
      report('2', 2, [
        {
          roundId: 'screen',
          title: 'Phone screen',
          dims: [
            ['clarity', 4, 2],
            ['depth', 2, 'no-signal'],
            ['metrics', 4, 4],
          ],
        },
      ]),
    ]);
    expect(weak).toEqual([
      {
        roundId: 'screen',
        roundTitle: 'Phone screen',
        dimensionId: 'clarity',
        title: 'Clarity',
        average: 1.5,
        count: 2,
        latest: 2,
      },
      expect.objectContaining({ dimensionId: 'depth', average: 2, count: 2 }),
      expect.objectContaining({ dimensionId: 'metrics', average: 3.5 }),
    ]);
    expect(weak.map((w) => w.dimensionId)).not.toContain('testing');
  });

  it('counts a dimension rated once, and breaks ties by latest rating, then by evidence', () => {
    const weak = weakestDimensions(
      [
        report('1', 1, [
          {
            roundId: 'screen',
            dims: [
              ['clarity', null, 1], // 1 then 3: average 2, latest 3 (improving)
              ['depth', null, 2], // 2 then 2: average 2, latest 2, two loops
            ],
          },
        ]),
        report('2', 2, [
          {
            roundId: 'screen',
            dims: [
              ['clarity', null, 3],
              ['depth', null, 2],
              ['metrics', 2, null], // a single rating of 2: average 2, latest 2, one loop
            ],
          },
        ]),
      ],
      5,
    );
    expect(weak.map((w) => [w.dimensionId, w.average, w.latest, w.count])).toEqual([
      ['depth', 2, 2, 2],
      ['metrics', 2, 2, 1],
      ['clarity', 2, 3, 2],
    ]);
  });

  it('returns three by default and none without a rated loop', () => {
    const dims: Dim[] = ['clarity', 'depth', 'metrics', 'testing'].map((d) => [d, 2, null]);
    expect(weakestDimensions([report('1', 1, [{ roundId: 'screen', dims }])])).toHaveLength(3);
    expect(
      weakestDimensions([report('1', 1, [{ roundId: 'screen', dims }], { status: 'in-progress' })]),
    ).toEqual([]);
    expect(weakestDimensions([])).toEqual([]);
  });
});
