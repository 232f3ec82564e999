/**
 * Consent to record: who must agree (the candidate alone, or both partners), what agreeing
 * and withdrawing do to the log and the state, what every role's view shows, and the
 * schemas every recording request passes before anything is stored.
 */
import { describe, expect, it } from 'vitest';
import { decide } from '../../shared/src/loop/decide';
import type { LoopEvent } from '../../shared/src/loop/events';
import { project } from '../../shared/src/loop/project';
import { replay } from '../../shared/src/loop/reduce';
import { ROLES, type LoopState, type Mode, type Role } from '../../shared/src/loop/state';
import { CLIENT_EVENTS, sendersOf } from '../../shared/src/protocol-table';
import { recordingConsenters, recordingOffReason, recordingOn } from '../../shared/src/recording';
import {
  chunkSeqSchema,
  createRecordingRequestSchema,
  RECORDING_CLOCK_SKEW_MS,
  recordingFileName,
  recordingIdSchema,
  startedAtProblem,
} from '../../shared/src/recording-api';
import { content } from '../helpers/content';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';

const agree = () => cmd('recording:agree', {});
const withdraw = () => cmd('recording:withdraw', {});

/** A loop in which `roles` have agreed, in that order. */
function agreedBy(mode: Mode, roles: Role[]) {
  const { state, log } = newLoop(mode);
  return {
    state: roles.reduce((s, role, i) => run(s, agree(), as(role), T0 + i, log), state),
    log,
  };
}

const viewOf = (state: LoopState, role: Role) => project(state, role, T0, content).recording;

describe('who must agree to recording', () => {
  it('is the candidate in a solo loop and both partners in a pair, never the observer', () => {
    expect(recordingConsenters('solo')).toEqual(['candidate']);
    expect(recordingConsenters('paired')).toEqual(['candidate', 'interviewer']);
    expect(sendersOf('recording:agree', 'solo')).toEqual(['candidate']);
    expect(sendersOf('recording:agree', 'paired')).toEqual(['candidate', 'interviewer']);
    expect(sendersOf('recording:withdraw', 'paired')).toEqual(['candidate', 'interviewer']);
    expect(CLIENT_EVENTS['recording:agree'].limited).toBe(true);
  });

  it('refuses the observer both commands', () => {
    const { state } = newLoop('paired');
    for (const command of [agree(), withdraw()]) {
      const decision = decide(state, command, as('observer'), T0, content);
      expect(decision).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
  });
});

describe('recording is on', () => {
  it('in a solo loop once the candidate agrees', () => {
    const { state, log } = agreedBy('solo', ['candidate']);
    expect(log.at(-1)).toEqual({ type: 'recording.agreed', at: T0, role: 'candidate' });
    expect(recordingOn(state)).toBe(true);
  });

  it('in a pair only once both partners agree, in either order', () => {
    expect(recordingOn(newLoop('paired').state)).toBe(false);
    expect(recordingOn(agreedBy('paired', ['candidate']).state)).toBe(false);
    expect(recordingOn(agreedBy('paired', ['interviewer']).state)).toBe(false);
    expect(recordingOn(agreedBy('paired', ['candidate', 'interviewer']).state)).toBe(true);
    expect(recordingOn(agreedBy('paired', ['interviewer', 'candidate']).state)).toBe(true);
  });

  it('stops when either partner withdraws, and comes back when they agree again', () => {
    for (const who of ['candidate', 'interviewer'] as const) {
      const { state: on, log } = agreedBy('paired', ['candidate', 'interviewer']);
      const off = run(on, withdraw(), as(who), T0 + 10, log);
      expect(log.at(-1)).toEqual({ type: 'recording.withdrawn', at: T0 + 10, role: who });
      expect(off.recording.agreed).not.toContain(who);
      expect(recordingOn(off)).toBe(false);
      expect(recordingOn(run(off, agree(), as(who), T0 + 20))).toBe(true);
    }
  });

  it('stops when the loop ends, and cannot be agreed to after', () => {
    const { state: on } = agreedBy('solo', ['candidate']);
    const ended = run(on, cmd('loop:end', {}), as('candidate'), T0 + 5);
    expect(ended.recording.agreed).toEqual(['candidate']);
    expect(recordingOn(ended)).toBe(false);
    const again = decide(ended, agree(), as('candidate'), T0 + 6, content);
    expect(again).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('why recording is off', () => {
  it('names who has yet to agree, or that the loop has ended', () => {
    expect(recordingOffReason(newLoop('paired').state)).toBe(
      'recording is off until the candidate and the interviewer agree to it',
    );
    expect(recordingOffReason(agreedBy('paired', ['candidate']).state)).toBe(
      'recording is off until the interviewer agrees to it',
    );
    expect(recordingOffReason(newLoop('solo').state)).toBe(
      'recording is off until the candidate agrees to it',
    );
    const { state: on } = agreedBy('solo', ['candidate']);
    expect(recordingOffReason(on)).toBeNull();
    expect(recordingOffReason(run(on, cmd('loop:end', {}), as('candidate'), T0 + 1))).toBe(
      'this loop has ended: nothing more is recorded in it',
    );
  });
});

describe('agreeing twice and withdrawing without agreeing', () => {
  it('change nothing: no event, the same state', () => {
    const { state } = agreedBy('paired', ['candidate']);
    expect(decide(state, agree(), as('candidate'), T0 + 1, content)).toEqual({
      ok: true,
      events: [],
    });
    expect(decide(state, withdraw(), as('interviewer'), T0 + 1, content)).toEqual({
      ok: true,
      events: [],
    });
  });
});

describe('the recording in every view', () => {
  it('shows every role, the observer included, who agreed, who must, and whether it is on', () => {
    const { state: half } = agreedBy('paired', ['interviewer']);
    const { state: both } = agreedBy('paired', ['interviewer', 'candidate']);
    for (const role of ROLES) {
      expect(viewOf(half, role)).toEqual({
        agreed: ['interviewer'],
        needed: ['candidate', 'interviewer'],
        on: false,
      });
      expect(viewOf(both, role)).toEqual({
        agreed: ['interviewer', 'candidate'],
        needed: ['candidate', 'interviewer'],
        on: true,
      });
    }
    expect(viewOf(newLoop('solo').state, 'candidate')).toEqual({
      agreed: [],
      needed: ['candidate'],
      on: false,
    });
  });

  it('gives the consent permission to those who must agree only', () => {
    const { state } = newLoop('paired');
    const may = (role: Role) => project(state, role, T0, content).permissions.record;
    expect([may('candidate'), may('interviewer'), may('observer')]).toEqual([true, true, false]);
  });

  it('is off for a loop whose log was written before recording existed', () => {
    const { log } = newLoop('paired');
    // A log of that time: nothing in it about recording, played through a round.
    const old: LoopEvent[] = [
      ...log,
      {
        type: 'round.started',
        at: T0,
        round: 0,
        clock: { kind: 'running', phase: 0, phaseEndsAt: T0 + 60_000 },
      },
    ];
    const state = replay(old);
    expect(state.recording).toEqual({ agreed: [] });
    expect(viewOf(state, 'candidate').on).toBe(false);
  });
});

describe('the schemas of recording requests', () => {
  const valid = { round: 0, startedAt: T0, mimeType: 'audio/webm;codecs=opus' };
  const parses = (body: object) => createRecordingRequestSchema.safeParse(body).success;

  it('take the audio formats browsers record, with or without codecs', () => {
    for (const mimeType of [
      'audio/webm',
      'audio/ogg',
      'audio/mp4',
      'audio/webm;codecs=opus',
      'audio/ogg; codecs=opus',
      'audio/webm;codecs="opus"',
      'audio/mp4;codecs=mp4a.40.2',
      'audio/webm;codecs=opus,vp8',
    ])
      expect(parses({ ...valid, mimeType }), mimeType).toBe(true);
  });

  it('refuse other types, and anything that could split a header', () => {
    for (const mimeType of [
      'video/webm',
      'audio/wav',
      'audio/mpeg',
      'text/html',
      'audio/webm;codecs=opus\r\nSet-Cookie: a=b',
      'audio/webm; charset=utf-8',
      'audio/webm;codecs="opus',
      'audio/webm;codecs=',
      `audio/webm;codecs=${'o'.repeat(80)}`,
      '',
    ])
      expect(parses({ ...valid, mimeType }), JSON.stringify(mimeType)).toBe(false);
  });

  it('refuse a start that is not a plausible instant, a bad round or an extra field', () => {
    for (const startedAt of [NaN, Infinity, -1, 0, 1.5, T0 + 0.5, '1767600000000', 1e20, null])
      expect(parses({ ...valid, startedAt }), String(startedAt)).toBe(false);
    for (const round of [-1, 21, 0.5, '0']) expect(parses({ ...valid, round })).toBe(false);
    expect(parses({ ...valid, role: 'interviewer' })).toBe(false);
    expect(parses({ round: 0, startedAt: T0 })).toBe(false);
    expect(parses(valid)).toBe(true);
  });

  it("hold a start to the loop's lifetime, give or take an hour of clock skew", () => {
    const created = T0;
    const now = T0 + 3 * 60 * 60_000;
    expect(startedAtProblem(now - 1000, created, now)).toBeNull();
    expect(startedAtProblem(created - RECORDING_CLOCK_SKEW_MS, created, now)).toBeNull();
    expect(startedAtProblem(created - RECORDING_CLOCK_SKEW_MS - 1, created, now)).toMatch(
      /before the loop was created/,
    );
    expect(startedAtProblem(now + RECORDING_CLOCK_SKEW_MS + 1, created, now)).toMatch(
      /in the future/,
    );
  });

  it('name a download after the loop, the round, who recorded and the format', () => {
    const recording = {
      id: 'AbCdEfGhIjKlMnOpQrSt_-',
      loopId: 'YxiDVvsgUA5g',
      role: 'interviewer' as const,
      round: 1,
      startedAt: T0,
      mimeType: 'audio/mp4;codecs=mp4a.40.2',
      bytes: 10,
      chunks: 1,
      createdAt: T0,
    };
    expect(recordingFileName(recording)).toBe(
      'mockloop-YxiDVvsgUA5g-round-2-interviewer-AbCdEfGhIjKlMnOpQrSt_-.m4a',
    );
    expect(recordingFileName({ ...recording, mimeType: 'AUDIO/WEBM' })).toMatch(/\.webm$/);
    expect(recordingFileName({ ...recording, mimeType: 'audio/ogg; codecs=opus' })).toMatch(
      /\.ogg$/,
    );
  });

  it('take only unguessable-looking recording ids and plain chunk numbers', () => {
    expect(recordingIdSchema.safeParse('AbCdEfGhIjKlMnOpQrSt_-').success).toBe(true);
    for (const id of ['short', 'A'.repeat(23), '../../../etc/passwd123', 'AbCdEfGhIjKlMnOpQrSt.-'])
      expect(recordingIdSchema.safeParse(id).success, id).toBe(false);
    expect(chunkSeqSchema.parse('0')).toBe(0);
    expect(chunkSeqSchema.parse('41')).toBe(41);
    for (const seq of ['-1', '01', '1.0', '1e3', '', ' 1', '0x1', '12345678'])
      expect(chunkSeqSchema.safeParse(seq).success, seq).toBe(false);
  });
});
