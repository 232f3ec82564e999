/** An imported report is untrusted: only a well-formed mockloop report is shown. */
import { describe, expect, it } from 'vitest';
import { parseReport } from '../../client/src/features/report-import/report-schema';
import { REPORT_FORMAT, type LoopReport } from '../../shared/src/report';

const report: LoopReport = {
  format: REPORT_FORMAT,
  loop: {
    id: 'abc',
    mode: 'paired',
    status: 'ended',
    targetLevel: 'L6',
    createdAt: '2026-11-20T10:00:00.000Z',
    endedAt: null,
  },
  viewedAs: 'candidate',
  rounds: [
    {
      roundId: 'screen',
      title: 'Phone screen',
      status: 'done',
      minutes: 40,
      question: { id: 'q', prompt: 'Why Amazon?', difficulty: 'easy' },
      hintsUsed: 0,
      ledger: [{ kind: 'follow-up', index: 0, text: 'And then?', afterMs: 60_000 }],
      pacing: null,
      dimensions: [{ id: 'd', title: 'Depth', self: 3, partner: 1, gap: 2 }],
      self: { vote: 3, justification: '<b>fine</b>', submittedAt: 1 },
      partner: null,
      notes: '',
      code: null,
      lastRun: null,
      star: null,
      signalsHeard: null,
      diagram: null,
    },
  ],
  debrief: { outcome: 'no-hire', clause: 'veto', explanation: 'No hire: …', votes: [] } as never,
  principles: [{ id: 'ownership', name: 'Ownership', sources: [] }],
};

describe('importing a report', () => {
  it('accepts a report that mockloop wrote, as it was', () => {
    const parsed = parseReport(JSON.stringify(report));
    expect(parsed).toEqual({ ok: true, report: JSON.parse(JSON.stringify(report)) });
  });

  it('reads a report saved before levels as an L5 loop, and refuses an unknown level', () => {
    const { targetLevel: _none, ...loop } = report.loop;
    const old = parseReport(JSON.stringify({ ...report, loop }));
    expect(old).toMatchObject({ ok: true, report: { loop: { id: 'abc', targetLevel: 'L5' } } });
    expect(
      parseReport(JSON.stringify({ ...report, loop: { ...report.loop, targetLevel: 'L9' } })),
    ).toMatchObject({ ok: false, error: expect.stringMatching(/loop\.targetLevel/) });
  });

  it('refuses what is not JSON, not a report, or damaged, saying where', () => {
    expect(parseReport('{oops')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not JSON/),
    });
    expect(parseReport(JSON.stringify({ ...report, format: 'other@1' }))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/not a mockloop report/),
    });
    const damaged = structuredClone(report) as unknown as {
      rounds: { dimensions: { self: unknown }[] }[];
    };
    damaged.rounds[0]!.dimensions[0]!.self = 7;
    expect(parseReport(JSON.stringify(damaged))).toMatchObject({
      ok: false,
      error: expect.stringMatching(/rounds\.0\.dimensions\.0\.self/),
    });
    const long = structuredClone(report);
    long.rounds[0]!.notes = 'x'.repeat(20_001);
    expect(parseReport(JSON.stringify(long)).ok).toBe(false);
    expect(parseReport('x'.repeat(3 * 1024 * 1024)).ok).toBe(false);
    const element = { id: 'a', type: 'rectangle', version: 1, versionNonce: 1, isDeleted: false };
    const drawn = structuredClone(report);
    drawn.rounds[0]!.diagram = [element];
    expect(parseReport(JSON.stringify(drawn)).ok).toBe(true);
    const polluted = JSON.stringify(drawn).replace(
      '"isDeleted":false',
      '"isDeleted":false,"customData":{"__proto__":{"x":1}}',
    );
    expect(parseReport(polluted)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/diagram/),
    });
  });
});

describe('importing a report with replays', () => {
  const replay = {
    round: 0,
    phases: [{ id: 'p', title: 'Intro', minutes: 5 }],
    timeline: {
      startedAt: 1_000,
      endedAt: 9_000,
      markers: [{ kind: 'start', at: 1_000, offsetMs: 0, label: 'Started · Phase 1: Intro' }],
    },
    clocks: [{ at: 1_000, clock: { kind: 'running', phase: 0, phaseEndsAt: 301_000 } }],
    runs: [],
    docs: [{ ref: { kind: 'notes', round: 0 }, fields: ['text'], steps: [[2_000, 0, 0, 0, 'hi']] }],
    board: [
      {
        at: 3_000,
        elements: [
          {
            id: 'a',
            type: 'rectangle',
            version: 1,
            versionNonce: 1,
            isDeleted: false,
            x: 0,
            y: 0,
            width: 1,
            height: 1,
          },
        ],
      },
    ],
  };

  it('accepts the replays a report carries, and the rounds whose replay was left out', () => {
    const parsed = parseReport(
      JSON.stringify({ ...report, replays: [replay], replaysLeftOut: [1] }),
    );
    expect(parsed).toMatchObject({ ok: true, report: { replays: [replay], replaysLeftOut: [1] } });
  });

  it('refuses a replay with a step, an element or a clock that is not what mockloop writes', () => {
    const broken = [
      { ...replay, docs: [{ ...replay.docs[0], steps: [[2_000, 0, -1, 0, 'hi']] }] },
      { ...replay, docs: [{ ...replay.docs[0], steps: [[2_000, 0, 0, 0, 'x'.repeat(50_001)]] }] },
      { ...replay, board: [{ at: 3_000, elements: [{ id: 'a', type: 'iframe' }] }] },
      { ...replay, clocks: [{ at: 1, clock: { kind: 'running', phase: 0 } }] },
      { ...replay, round: 99 },
    ];
    for (const bad of broken)
      expect(parseReport(JSON.stringify({ ...report, replays: [bad] }))).toMatchObject({
        ok: false,
        error: expect.stringMatching(/damaged at replays\.0\./),
      });
  });
});

describe('importing a report with recorded audio', () => {
  const recording = {
    id: 'r1',
    role: 'candidate',
    round: 0,
    startedAt: 1_000,
    mimeType: 'audio/webm;codecs=opus',
    bytes: 3,
    audio: 'AAEC',
  };

  it('accepts recordings with base64 audio, and refuses audio that is not base64 or not audio', () => {
    expect(parseReport(JSON.stringify({ ...report, recordings: [recording] }))).toMatchObject({
      ok: true,
      report: { recordings: [recording] },
    });
    for (const bad of [
      { ...recording, audio: '<script>' },
      { ...recording, mimeType: 'text/html' },
      { ...recording, role: 'admin' },
    ])
      expect(parseReport(JSON.stringify({ ...report, recordings: [bad] }))).toMatchObject({
        ok: false,
        error: expect.stringMatching(/damaged at recordings\.0\./),
      });
  });
});
