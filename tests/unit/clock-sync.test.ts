import { describe, expect, it } from 'vitest';
import { bestOffset, nextShown, offsetFromSample, urgency } from '../../shared/src/clock-sync';

describe('clock offset estimation', () => {
  it('assumes the reply took half the round trip', () => {
    expect(offsetFromSample({ sentAt: 1000, serverNow: 5050, receivedAt: 1100 })).toEqual({
      offsetMs: 4000,
      rttMs: 100,
    });
  });

  it('keeps the sample with the lowest round trip', () => {
    const best = bestOffset([
      { sentAt: 0, serverNow: 3700, receivedAt: 400 }, // rtt 400, offset 3500
      { sentAt: 1000, serverNow: 4020, receivedAt: 1040 }, // rtt 40, offset 3000
      { sentAt: 2000, serverNow: 5200, receivedAt: 2200 }, // rtt 200, offset 3100
    ]);
    expect(best).toEqual({ offsetMs: 3000, rttMs: 40 });
    expect(bestOffset([])).toBeNull();
  });
});

describe('countdown display', () => {
  it('never jumps back up for the same deadline when the offset is corrected', () => {
    let shown = nextShown(null, 'r0:p0:100', 60_000);
    shown = nextShown(shown, 'r0:p0:100', 61_500);
    expect(shown.remainingMs).toBe(60_000);
    shown = nextShown(shown, 'r0:p0:100', 59_000);
    expect(shown.remainingMs).toBe(59_000);
  });

  it('shows a new deadline as computed (extension, next phase)', () => {
    const shown = nextShown({ deadlineKey: 'r0:p0:100', remainingMs: 1_000 }, 'r0:p0:400', 301_000);
    expect(shown.remainingMs).toBe(301_000);
  });

  it('turns amber at five minutes and red at one', () => {
    expect(urgency(5 * 60_000 + 1)).toBe('normal');
    expect(urgency(5 * 60_000)).toBe('amber');
    expect(urgency(60_000)).toBe('red');
  });
});
