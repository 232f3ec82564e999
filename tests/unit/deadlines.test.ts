/**
 * The deadline queue that lets one timer serve every loop room of a node: items come out
 * earliest first whatever order their deadlines were set, moved or cleared in; and the
 * registry keeps a single timer, set for the earliest room.
 */
import { describe, expect, it } from 'vitest';
import { DeadlineQueue, type Due } from '../../server/src/loops/deadlines';
import { LoopRooms } from '../../server/src/loops/loop-room';
import { as, cmd, newLoop, run, T0 } from '../helpers/domain';
import { FakeClock } from '../helpers/fake-clock';

interface Item extends Due {
  name: number;
}

/** A small deterministic generator, so a failure can be run again. */
function random(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1_103_515_245 + 12_345) % 2 ** 31;
    return x / 2 ** 31;
  };
}

describe('the deadline queue', () => {
  it('gives back what is due, earliest first, through any mix of sets, moves and clears', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const next = random(seed);
      const queue = new DeadlineQueue<Item>();
      const items: Item[] = Array.from({ length: 40 }, (_, name) => ({
        name,
        dueAt: null,
        dueSlot: -1,
      }));
      // The model: a plain map of item to deadline.
      const model = new Map<Item, number>();
      let now = 0;
      for (let step = 0; step < 400; step++) {
        const item = items[Math.floor(next() * items.length)]!;
        const roll = next();
        if (roll < 0.6) {
          const at = now + Math.floor(next() * 100);
          queue.set(item, at);
          model.set(item, at);
        } else if (roll < 0.75) {
          queue.set(item, null);
          model.delete(item);
        } else {
          now += Math.floor(next() * 30);
          const expected = [...model]
            .filter(([, at]) => at <= now)
            .sort((a, b) => a[1] - b[1])
            .map(([, at]) => at);
          const taken = queue.takeDue(now);
          expect(taken.map((i) => model.get(i))).toEqual(expected);
          for (const i of taken) {
            expect(i.dueAt).toBeNull();
            expect(i.dueSlot).toBe(-1);
            model.delete(i);
          }
        }
        expect(queue.size).toBe(model.size);
        expect(queue.next).toBe(model.size ? Math.min(...model.values()) : null);
      }
    }
  });
});

describe('the rooms of a node', () => {
  /** A loop of its own id whose round was started `at`. */
  function startedAt(id: string, at: number) {
    const { state } = newLoop('solo', [{ id: 'screen', minutes: 20 }]);
    return { ...run(state, cmd('round:start', { round: 0 }), as('candidate'), at), id };
  }

  it('keep one timer for all their deadlines and tell each room when its own comes', async () => {
    const clock = new FakeClock(T0);
    const due: string[] = [];
    const rooms = new LoopRooms(clock, (id) => due.push(id));
    const states = [startedAt('a', T0 + 3_000), startedAt('b', T0), startedAt('c', T0 + 1_000)];
    for (const state of states) rooms.room(state.id).hold(state);
    expect(clock.pending).toBe(1);
    const deadlines = states.map((s) => rooms.find(s.id)!.deadline!);
    const order = [...states].sort(
      (a, b) => rooms.find(a.id)!.deadline! - rooms.find(b.id)!.deadline!,
    );

    // The earliest room ends: the others are still waiting, on the same one timer.
    await clock.advance(Math.min(...deadlines) - T0);
    expect(due).toEqual([order[0]!.id]);
    expect(clock.pending).toBe(1);

    // A room paused meanwhile is not told; the last one is, when its time comes.
    const paused = run(order[1]!, cmd('timer:pause', { round: 0 }), as('candidate'), clock.now());
    rooms.room(paused.id).hold(paused);
    await clock.advance(Math.max(...deadlines) - clock.now());
    expect(due).toEqual([order[0]!.id, order[2]!.id]);
    expect(clock.pending).toBe(0);
  });
});
