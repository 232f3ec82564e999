/** A ServerClock whose time moves only when a test says so. */
import type { ServerClock } from '../../server/src/loops/scheduler';

export class FakeClock implements ServerClock {
  private timers: { id: number; at: number; fn: () => unknown }[] = [];
  private nextId = 1;

  constructor(public current = Date.UTC(2026, 0, 5, 9, 0, 0)) {}

  now = () => this.current;

  setTimeout = (fn: () => unknown, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ id, at: this.current + ms, fn });
    return id;
  };

  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.id !== handle);
  };

  /**
   * Moves time forward, firing every timer that falls due on the way, in order. Each
   * timer's work (a phase expiry is asynchronous) finishes before time moves on, so a
   * timer it sets for a later instant on the way fires too.
   */
  async advance(ms: number): Promise<void> {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      await due.fn();
    }
    this.current = target;
  }

  get pending(): number {
    return this.timers.length;
  }
}
