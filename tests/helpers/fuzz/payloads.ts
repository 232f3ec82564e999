/**
 * Payload generators for the socket commands: schema-valid payloads (which may still come
 * from the wrong role, or be for the wrong round or state), values each field's schema
 * must refuse, mutations of valid payloads, and garbage that is no payload at all.
 */
import { type CommandName, commandSchemas } from '../../../shared/src/loop/commands';
import { COMMANDS, type LoopInfo } from './contract';
import {
  binaryValue,
  extraKey,
  extraValue,
  hugeString,
  nastyString,
  POLLUTION_MARKER,
  pollutionObject,
  PROTO_KEYS,
  type Rng,
  setOwn,
  setOwnSafe,
  WEIRD_NUMBERS,
  weirdValue,
} from './values';
import { otherLoop, world } from './world';

type Shape = Record<string, { _zod: { def: { type: string } }; unwrap?: () => unknown }>;
const shapeOf = (event: CommandName) =>
  (commandSchemas[event] as unknown as { shape: Shape }).shape;
const OPTIONAL_FIELDS = new Set(['questionId', 'topic', 'avoid', 'part']);

let freshIds = 0;
function commandId(rng: Rng, loop: LoopInfo): string {
  const r = rng.next();
  if (r < 0.1) return rng.pick([...loop.applied.keys()]); // stale: applied before
  if (r < 0.18) return rng.pick([...otherLoop(loop).applied.keys()]); // another loop's
  if (r < 0.25) return rng.pick(['-'.repeat(8), '_'.repeat(64), 'A'.repeat(8), '0'.repeat(64)]);
  const id = `fz-${world.seed}-${++freshIds}-`;
  return id + 'aZ09_-'.repeat(10).slice(0, rng.int(0, 64 - id.length));
}

function validCard(rng: Rng, loop: LoopInfo): Record<string, unknown> {
  const ratings: Record<string, unknown> = {};
  for (const d of loop.dimensions)
    if (rng.chance(0.9)) ratings[d] = rng.pick([1, 2, 3, 4, 'no-signal']);
  if (rng.chance(0.15)) ratings[nastyString(rng, 3).slice(0, 64)] = rng.pick([1, 4]);
  if (rng.chance(0.05)) setOwn(ratings, rng.pick(PROTO_KEYS), 2);
  const vote = rng.pick([1, 2, 3, 4]);
  const justification = rng.chance(0.9) ? nastyString(rng) : hugeString(rng, rng.int(100, 4000));
  return { ratings, vote, justification };
}

/** A value the schema accepts, per field (the role, round or state may still be wrong). */
const VALID: Record<string, (rng: Rng, loop: LoopInfo) => unknown> = {
  commandId,
  round: (rng) => (rng.chance(0.45) ? rng.pick([0, -0, 1]) : rng.int(0, 20)),
  minutes: (rng) => rng.int(1, 30),
  text: (rng) => (rng.chance(0.9) ? nastyString(rng, 12) : hugeString(rng, rng.int(1000, 9000))),
  index: (rng) => rng.int(0, 9),
  card: validCard,
  questionId: (rng, loop) =>
    rng.chance(0.8)
      ? `fz-no-such-question-${rng.int(0, 1e6)}`
      : rng.pick([...loop.bank, '__proto__', 'constructor', '']),
  topic: (rng) => nastyString(rng, 4).slice(0, 64),
  avoid: (rng) => Array.from({ length: rng.int(0, 5) }, () => nastyString(rng, 3).slice(0, 64)),
  role: (rng) => rng.pick(['candidate', 'observer']),
};

/** A valid value for a field this file does not know, read off its zod schema. */
function fromSchema(rng: Rng, event: CommandName, field: string): unknown {
  let schema = shapeOf(event)[field]!;
  if (schema._zod.def.type === 'optional') schema = schema.unwrap!() as typeof schema;
  const { options, maxLength } = schema as { options?: unknown[]; maxLength?: number | null };
  const type = schema._zod.def.type;
  if (type === 'enum') return rng.pick(options!);
  if (type === 'string') return nastyString(rng, 4).slice(0, maxLength ?? 64);
  return type === 'number' ? rng.int(0, 9) : weirdValue(rng, 1, false);
}

export function validPayload(rng: Rng, loop: LoopInfo, event: CommandName) {
  const payload: Record<string, unknown> = {};
  for (const field of Object.keys(shapeOf(event))) {
    if (OPTIONAL_FIELDS.has(field) && !rng.chance(0.5)) continue;
    const valid = VALID[field];
    payload[field] = valid ? valid(rng, loop) : fromSchema(rng, event, field);
  }
  return payload;
}

/** Values each field's schema must refuse. */
// prettier-ignore
const BAD: Record<string, readonly unknown[]> = {
  commandId: ['', 'short', 'a'.repeat(7), 'a'.repeat(65), 'has space1', 'abc.defgh', 'abcdefgh\n',
    '\u0000'.repeat(8), 'ü'.repeat(8), '\ud800abcdefg', 'abcdefg\udfff', '../../../etc',
    "x'; DROP TABLE commands;--", 12345678, null, true, ['abcdefgh'], { toString: 'abcdefgh' }],
  round: [-1, 21, 1.5, '0', '1', null, NaN, Infinity, -Infinity, 1e308, -1e308, 2 ** 53, true, [],
    [0], {}, 0.5, -0.5, 1e-300, 1e21],
  minutes: [0, 31, -1, 1.5, '5', null, NaN, Infinity, 1e308, true, [], {}, -0],
  text: [42, null, [], {}, true, ['x'], { text: 'x' }],
  index: [-1, 10, 1.5, '0', null, NaN, Infinity, [], {}, true, 2 ** 31, -0.5],
  questionId: ['x'.repeat(65), 42, null, [], {}, true, ['coding']],
  topic: ['x'.repeat(65), 42, null, [], {}, true, ['coding']],
  avoid: ['x', null, {}, [1], [null], ['x'.repeat(65)], Array(501).fill('a'), 42, [[]]],
  role: ['interviewer', 'admin', '', 'Candidate', 'observer ', null, 1, ['candidate'], {},
    '__proto__'],
};
/** Values a score card's fields must refuse, and cards that are no card at all. */
// prettier-ignore
const BAD_CARD: Record<string, readonly unknown[]> = {
  card: [null, [], 'card', 1, {}, true],
  vote: [0, 5, '4', null, 2.5, NaN, -1, 'no-signal', [4]],
  justification: [42, null, [], {}, 'x'.repeat(4001), true],
  ratings: [null, 'x', 42, [1], { a: 0 }, { a: 5 }, { a: 'No-signal' }, { a: null }, { a: 2.5 },
    { a: [1] }, { a: {} }, { ['k'.repeat(65)]: 1 },
    JSON.parse(`{"a":1,"constructor":{"prototype":{"${POLLUTION_MARKER}":1}}}`)],
};

/** A value the named field's schema must refuse (or, for a few, a wrong type at random). */
function badField(rng: Rng, field: string): unknown {
  if (rng.chance(0.25)) return weirdValue(rng);
  if (field === 'commandId')
    return rng.pick([...BAD.commandId!, hugeString(rng, rng.int(65, 5000))]);
  if (field === 'text' && rng.chance(0.6))
    return hugeString(rng, rng.int(20_001, 40_000)).replace(/[^\x20-\x7e]/g, 'x');
  if (field === 'card') return badCard(rng);
  return Object.hasOwn(BAD, field) ? rng.pick(BAD[field]!) : weirdValue(rng);
}

function badCard(rng: Rng): unknown {
  const card: Record<string, unknown> = { ratings: { a: 1 }, vote: 1, justification: 'fine' };
  const kind = rng.int(0, 6);
  if (kind === 0) return rng.pick([...BAD_CARD.card!, [card]]);
  if (kind === 1) delete card[rng.pick(['ratings', 'vote', 'justification'])];
  else if (kind === 2) setOwnSafe(card, extraKey(rng), extraValue(rng));
  else {
    const field = kind === 3 ? 'vote' : kind === 4 ? 'justification' : 'ratings';
    card[field] = rng.pick(BAD_CARD[field]!);
  }
  return card;
}

/** Mutates a valid payload into (very probably) an invalid one; returns what it did. */
export function mutate(
  rng: Rng,
  loop: LoopInfo,
  payload: Record<string, unknown>,
  event: CommandName,
) {
  const notes: string[] = [];
  const fields = Object.keys(shapeOf(event));
  for (let i = rng.int(1, 3); i > 0; i--) {
    const kind = rng.int(0, 9);
    if (kind <= 1 && Object.keys(payload).length) {
      const key = rng.pick(Object.keys(payload));
      delete payload[key];
      notes.push(`drop ${key}`);
    } else if (kind <= 4) {
      const key = extraKey(rng, fields);
      const makers = [pollutionObject, weirdValue, () => otherLoop(loop).id, binaryValue];
      setOwnSafe(payload, key, rng.pick<(rng: Rng) => unknown>(makers)(rng));
      notes.push(`extra ${JSON.stringify(key)}`);
    } else {
      const field = rng.pick(fields);
      payload[field] = badField(rng, field);
      notes.push(`bad ${field}`);
    }
  }
  return notes.join(', ');
}

/** Anything but a payload: wrong types, wrapped or stringified payloads, binary, huge strings. */
export function garbagePayload(rng: Rng, loop: LoopInfo, event: string) {
  const valid = () =>
    COMMANDS.includes(event)
      ? validPayload(rng, loop, event as CommandName)
      : { sentAt: Date.now() };
  const makers: (() => [unknown, string])[] = [
    () => [rng.pick(WEIRD_NUMBERS), 'number'],
    () => [nastyString(rng), 'string'],
    () => [rng.pick([true, false, null, undefined]), 'scalar'],
    () => [[valid()], 'array around a payload'],
    () => [{ payload: valid() }, 'payload nested'],
    () => [JSON.stringify(valid()), 'payload as JSON text'],
    () => [binaryValue(rng, rng.int(0, 4096)), 'binary'],
    () => [pollutionObject(rng), 'pollution object'],
    () => {
      const length = rng.chance(0.25) ? rng.int(70_000, 1_000_000) : rng.int(1_000, 50_000);
      return [hugeString(rng, length), `huge string ${length}`];
    },
    () => {
      const payload = valid();
      setOwn(payload, '__proto__', JSON.parse(`{"${POLLUTION_MARKER}":"yes"}`));
      return [payload, 'payload with own __proto__'];
    },
    () => [weirdValue(rng), 'weird tree'],
  ];
  const [value, note] = makers[Math.min(rng.int(0, 11), 10)]!();
  return { value, note };
}
