/**
 * Seeded generators of hostile values for tests/integration/fuzz.test.ts: wrong types,
 * odd numbers, nasty strings, huge strings, deep nesting, binary and prototype-pollution
 * keys. Deterministic for a seed; nothing here talks to a server.
 */

/** mulberry32: small, fast and good enough to pick fuzz cases reproducibly. */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
}

/** The marker a successful pollution would leave on Object.prototype. */
export const POLLUTION_MARKER = 'polluted';
/** The keys that reach a prototype when merged naively. */
export const PROTO_KEYS = ['__proto__', 'constructor', 'prototype'] as const;

// prettier-ignore
export const WEIRD_NUMBERS: readonly number[] = [
  0, -0, 1, -1, 0.5, 1.5, -1.5, NaN, Infinity, -Infinity, 1e308, -1e308, Number.MAX_VALUE,
  Number.MIN_VALUE, -Number.MIN_VALUE, Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER + 2,
  -Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 32, -(2 ** 31), 0.1 + 0.2, 1e-300, 21, 100, 1e21,
];

const CONTROL_CHARS = [
  ...Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)),
  ...'\u007f\u0085\u2028\u2029\u200b\u202e\ufeff\ufffe\uffff',
];
/** Unpaired UTF-16 surrogates: not valid Unicode, but valid JS strings and JSON escapes. */
const LONE_SURROGATES = ['\ud800', '\udbff', '\udc00', '\udfff', '\udfff\ud800'];
const UNICODE = ['é', 'ß', '漢字', '😀', '👩‍👩‍👧', 'İ', 'ﬀ', 'e\u0301', 'Ω', 'я'];
// prettier-ignore
const HOSTILE_WORDS = [
  ...PROTO_KEYS, 'toString', 'hasOwnProperty', 'valueOf', '../../etc/passwd',
  '..\\..\\windows', '%2e%2e%2f', '<script>alert(1)</script>', "'; DROP TABLE events;--",
  '${7*7}', '{{constructor}}', 'null', 'undefined', 'NaN', 'true', '0', '-0', '1e999', ' ', '',
];
const ASCII = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-';

/** A short string mixing ASCII, control characters, lone surrogates and odd Unicode. */
export function nastyString(rng: Rng, maxPieces = 8): string {
  let out = '';
  const pieces = rng.int(0, maxPieces);
  for (let i = 0; i < pieces; i++) {
    const kind = rng.int(0, 9);
    if (kind <= 3) out += rng.pick([...ASCII]).repeat(rng.int(1, 6));
    else if (kind <= 5) out += rng.pick(CONTROL_CHARS);
    else if (kind === 6) out += rng.pick(LONE_SURROGATES);
    else if (kind === 7) out += rng.pick(UNICODE);
    else out += rng.pick(HOSTILE_WORDS);
  }
  return out;
}

/** A string of exactly `length` UTF-16 units, with nasty characters sprinkled in. */
export function hugeString(rng: Rng, length: number): string {
  const base = rng.pick(['x', 'é', '漢', ' ', '\u0000']);
  let out = base.repeat(Math.max(0, length - 16));
  while (out.length < length) out += rng.pick([...ASCII, ...CONTROL_CHARS, ...LONE_SURROGATES]);
  return out.slice(0, length);
}

/** `[[[...]]]` as JSON text, `depth` levels deep. */
export const deepArrayJson = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
/** `{"a":{"a":...{}}}` as JSON text, `depth` levels deep. */
export const deepObjectJson = (depth: number, key = 'a') =>
  `{"${key}":`.repeat(depth) + '{}' + '}'.repeat(depth);

const MARK = `"${POLLUTION_MARKER}":"yes"`;
/** Objects whose own keys would pollute a prototype if merged naively (own `__proto__`). */
// prettier-ignore
export const POLLUTION_JSON: readonly string[] = [
  `{"__proto__":{${MARK}}}`, `{"constructor":{"prototype":{${MARK}}}}`, `{"prototype":{${MARK}}}`,
  `{"__proto__":{"__proto__":{${MARK}}}}`, '{"__proto__":null}', '{"__proto__":[1,2,3]}',
  '{"__proto__":{"toString":"x","valueOf":1,"hasOwnProperty":null}}',
  `{"constructor":{"name":"Object",${MARK}}}`,
];

export function pollutionObject(rng: Rng): Record<string, unknown> {
  return JSON.parse(rng.pick(POLLUTION_JSON)) as Record<string, unknown>;
}

const OWN = { enumerable: true, writable: true, configurable: true };
/** Sets an own enumerable property, even one named `__proto__`. */
export function setOwn(target: object, key: string, value: unknown): void {
  Object.defineProperty(target, key, { ...OWN, value });
}

/**
 * Like setOwn, but never puts binary under an own `__proto__`: socket.io-client rebuilds
 * binary payloads by assignment, which would turn that key into the object's prototype
 * and silently drop it before it reaches the server.
 */
export function setOwnSafe(target: object, key: string, value: unknown): void {
  setOwn(target, key, key === '__proto__' && hasBinary(value) ? null : value);
}

/** Percent-encodes any string, lone surrogates included (as WTF-8, which no decoder accepts). */
export function percentEncode(text: string): string {
  let out = '';
  for (const char of text) {
    try {
      out += encodeURIComponent(char);
    } catch {
      const c = char.charCodeAt(0);
      const bytes = [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)];
      out += bytes.map((b) => `%${b.toString(16).toUpperCase()}`).join('');
    }
  }
  return out;
}

// prettier-ignore
const EXTRA_KEYS = [...PROTO_KEYS, 'loopId', 'id', 'version', 'role', 'type', 'actor', 'token',
  'extra', 'toString', 'hasOwnProperty', ''];
/** Names a key outside a schema would have (not one of `taken`), pollution keys included. */
export function extraKey(rng: Rng, taken: readonly string[] = []): string {
  for (;;) {
    const key = rng.pick([...EXTRA_KEYS, nastyString(rng, 3)]);
    if (!taken.includes(key)) return key;
  }
}

/** Binary values of small size: Socket.IO sends them as separate attachments. */
export function binaryValue(rng: Rng, size = rng.int(0, 64)): unknown {
  const bytes = Uint8Array.from({ length: size }, () => rng.int(0, 255));
  const kinds = [Buffer.from(bytes), bytes.buffer, bytes, new Float64Array([NaN, Infinity, -0])];
  return kinds[rng.int(0, 3)];
}

/** Any hostile value: a wrong type, odd number, nasty string, binary or a small tree of them. */
export function weirdValue(rng: Rng, depth = 0, allowBinary = true): unknown {
  const kind = rng.int(0, depth >= 2 ? 8 : 11);
  const inner = () => weirdValue(rng, depth + 1, allowBinary);
  if (kind <= 1) return rng.pick(WEIRD_NUMBERS);
  if (kind <= 3) return nastyString(rng);
  if (kind === 4) return rng.pick([true, false]);
  if (kind === 5) return rng.pick([null, undefined]);
  if (kind === 6) return rng.pick([[], {}, [[]], [{}], { '': '' }]);
  if (kind === 7) return pollutionObject(rng);
  if (kind === 8) return allowBinary ? binaryValue(rng) : hugeString(rng, rng.int(100, 2000));
  if (kind === 9) return Array.from({ length: rng.int(1, 4) }, inner);
  const out: Record<string, unknown> = {};
  for (let i = rng.int(1, 4); i > 0; i--) setOwnSafe(out, extraKey(rng), inner());
  return out;
}

/** The value of a key outside a schema: half the time a pollution object. */
export function extraValue(rng: Rng, allowBinary = true): unknown {
  return rng.chance(0.5) ? pollutionObject(rng) : weirdValue(rng, 0, allowBinary);
}

/** Whether a value holds binary anywhere (Socket.IO would send attachments). */
export function hasBinary(value: unknown, depth = 0): boolean {
  if (depth > 50 || value === null || typeof value !== 'object') return false;
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) return true;
  return Object.values(value).some((v) => hasBinary(v, depth + 1));
}

/**
 * Approximate bytes on the wire of one Socket.IO message: its JSON, and separately its
 * largest binary attachment (each attachment is its own WebSocket frame).
 */
export function wireBytes(value: unknown): number {
  let largestAttachment = 0;
  const json = JSON.stringify([value], function (this: Record<string, unknown>, key, v) {
    const original = key === '' ? v : this[key];
    if (original instanceof ArrayBuffer || ArrayBuffer.isView(original)) {
      largestAttachment = Math.max(largestAttachment, (original as ArrayBuffer).byteLength);
      return { _placeholder: true, num: 0 };
    }
    return v as unknown;
  });
  return Math.max(Buffer.byteLength(json ?? ''), largestAttachment);
}

/** What the server's JSON.parse sees of a non-binary payload (NaN → null, -0 → 0, ...). */
export function overTheWire(value: unknown): unknown {
  return (JSON.parse(JSON.stringify([value])) as unknown[])[0] ?? null;
}

/** A short, printable description of a payload for failure reports. */
export function preview(value: unknown, max = 240): string {
  let text: string;
  try {
    const finite = (_k: string, v: unknown) =>
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v;
    text =
      typeof value === 'string'
        ? JSON.stringify(value)
        : (JSON.stringify(value, finite) ?? String(value));
  } catch {
    text = String(value);
  }
  return text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
