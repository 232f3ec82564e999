/** Small async helpers: sleeping, deadlines, bounded concurrency, randomness. */

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Rejects with `what` when `promise` has not settled within `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Polls `done` every `everyMs` until it is true or `ms` have passed; resolves with the last value. */
export async function waitUntil(done: () => boolean, ms: number, everyMs = 20): Promise<boolean> {
  const end = performance.now() + ms;
  while (!done()) {
    if (performance.now() >= end) return false;
    await sleep(everyMs);
  }
  return true;
}

/** Maps `items` with at most `limit` calls of `fn` in flight, keeping the order. */
export async function mapLimit<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** Splits `items` into consecutive batches of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Uniform in [min, max). */
export const uniform = (min: number, max: number) => min + Math.random() * (max - min);

/** Wall-clock-free timestamps for latencies (sub-millisecond, monotonic). */
export const monotonicMs = () => performance.now();

/** Like Promise.all for two, but when one fails the other is cleaned up once it settles. */
export async function both<A, B>(
  a: Promise<A>,
  b: Promise<B>,
  cleanup: (value: A | B) => void,
): Promise<[A, B]> {
  const [ra, rb] = await Promise.allSettled([a, b]);
  if (ra.status === 'fulfilled' && rb.status === 'fulfilled') return [ra.value, rb.value];
  if (ra.status === 'fulfilled') cleanup(ra.value);
  if (rb.status === 'fulfilled') cleanup(rb.value);
  throw ra.status === 'rejected' ? ra.reason : (rb as PromiseRejectedResult).reason;
}
