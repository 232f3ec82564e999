/**
 * Structural sharing between two versions of a value (a loop's views, as the server sends
 * them whole): every part of `next` equal in value to the same part of `prev` is replaced
 * by `prev`'s, so what did not change keeps its identity. Selectors that compare by identity
 * (the client's store) then see a change only where there was one. Plain objects and
 * arrays are compared part by part; anything else by `Object.is`.
 */
export function shareUnchanged<T>(prev: unknown, next: T): T {
  if (Object.is(prev, next)) return next;
  if (Array.isArray(next)) {
    if (!Array.isArray(prev)) return next;
    const parts = next.map((item, i) => shareUnchanged(prev[i], item) as unknown);
    const same = prev.length === parts.length && parts.every((part, i) => part === prev[i]);
    return (same ? prev : parts) as T;
  }
  if (!isPlainObject(next) || !isPlainObject(prev)) return next;
  const keys = Object.keys(next);
  const parts: Record<string, unknown> = {};
  let same = keys.length === Object.keys(prev).length;
  for (const key of keys) {
    const part = shareUnchanged(Object.hasOwn(prev, key) ? prev[key] : undefined, next[key]);
    parts[key] = part;
    if (!Object.hasOwn(prev, key) || part !== prev[key]) same = false;
  }
  return (same ? prev : parts) as T;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}
