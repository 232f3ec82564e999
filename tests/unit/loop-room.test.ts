/**
 * A loop's room on a node: its commands run one at a time, its phase timer follows its
 * state, and the registry lets a room go once its loop has ended and nothing is queued.
 */
import { describe, expect, it } from 'vitest';
import { LoopRooms } from '../../server/src/loops/loop-room';
import type { LiveDoc } from '../../server/src/workspaces/docs';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';
import { FakeClock } from '../helpers/fake-clock';

function started() {
  const { state } = newLoop('solo', [{ id: 'screen', minutes: 20 }]);
  return run(state, cmd('round:start', { round: 0 }), as('candidate'), T0);
}

describe('a loop room', () => {
  it('runs its tasks one at a time, in the order given, whatever each takes', async () => {
    const rooms = new LoopRooms(new FakeClock(T0), () => undefined);
    const room = rooms.room('loop1');
    const order: string[] = [];
    const slow = room.run(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push('slow');
    });
    const failing = room.run(async () => {
      order.push('failing');
      throw new Error('refused');
    });
    const fast = room.run(async () => order.push('fast'));
    await Promise.all([slow, failing.catch(() => undefined), fast]);
    expect(order).toEqual(['slow', 'failing', 'fast']);
  });

  it('sets its timer for the running phase, moves it with the state, fires it once due', async () => {
    const clock = new FakeClock(T0);
    const due: string[] = [];
    const rooms = new LoopRooms(clock, (id) => due.push(id));
    const state = started();
    const room = rooms.room(state.id);
    room.hold(state);
    const clockOf = state.rounds[0]!.clock as { phaseEndsAt: number };
    expect(room.deadline).toBe(clockOf.phaseEndsAt);
    // Paused: no deadline, no timer.
    const paused = run(state, cmd('timer:pause', { round: 0 }), as('candidate'), T0 + 1_000);
    room.hold(paused);
    expect(room.deadline).toBeNull();
    expect(clock.pending).toBe(0);
    const resumed = run(paused, cmd('timer:resume', { round: 0 }), as('candidate'), T0 + 5_000);
    room.hold(resumed);
    const endsAt = (resumed.rounds[0]!.clock as { phaseEndsAt: number }).phaseEndsAt;
    expect(room.deadline).toBe(endsAt);
    await clock.advance(endsAt - T0 - 1);
    expect(due).toEqual([]);
    await clock.advance(1);
    expect(due).toEqual([state.id]);
    expect(room.deadline).toBeNull();
  });

  it('is let go once its loop has ended and nothing is queued, and not before', async () => {
    const clock = new FakeClock(T0);
    const rooms = new LoopRooms(clock, () => undefined);
    const state = started();
    const ended = run(state, cmd('loop:end', {}), as('candidate'), T0 + 60_000);
    const room = rooms.room(state.id);
    room.hold(state);
    expect(rooms.size).toBe(1);
    let release!: () => void;
    const queued = room.run(() => new Promise<void>((r) => (release = r)));
    await Promise.resolve();
    room.hold(ended);
    // Ended, but a task is still queued: kept, with its timer cleared.
    expect(rooms.size).toBe(1);
    expect(room.deadline).toBeNull();
    release();
    await queued;
    await Promise.resolve();
    expect(rooms.size).toBe(0);
    expect(clock.pending).toBe(0);
    // A document still open keeps the room of an ended loop until it is closed.
    const reading = rooms.room(state.id);
    const open = { key: 'notes:0' } as LiveDoc;
    reading.openDoc(open);
    reading.hold(ended);
    expect(rooms.size).toBe(1);
    reading.closeDoc(open);
    expect(rooms.size).toBe(0);
    // So does a socket still connected, until it leaves.
    const watched = rooms.room(state.id);
    const session = { data: { role: 'observer' as const }, emit: () => undefined };
    watched.join(session);
    watched.hold(ended);
    expect(rooms.size).toBe(1);
    expect(watched.sessionsOf('observer')).toEqual([session]);
    expect(watched.sessionsOf('candidate')).toEqual([]);
    watched.leave(session);
    expect(rooms.size).toBe(0);
    // A loop never loaded (no such loop) leaves no room behind either.
    await rooms.room('missing').run(async () => null);
    await Promise.resolve();
    expect(rooms.size).toBe(0);
  });
});
