/** The server's time source and timers, injectable so tests can drive time. */
export interface ServerClock {
  now(): number;
  /** `fn` may return a promise of its work; a test clock can wait for it. */
  setTimeout(fn: () => unknown, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: ServerClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};
