/** A ServerClock whose time moves only when a test says so. */
import type { ServerClock } from '../../server/src/loops/clock';

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
      const first = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!first) break;
      // Timers due at the same instant fire together, as on separate machines.
      const due = this.timers.filter((t) => t.at === first.at);
      this.timers = this.timers.filter((t) => !due.includes(t));
      this.current = Math.max(this.current, first.at);
      await Promise.all(due.map((t) => t.fn()));
    }
    this.current = target;
  }

  get pending(): number {
    return this.timers.length;
  }
}
