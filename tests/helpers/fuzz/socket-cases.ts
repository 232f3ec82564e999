/**
 * Socket cases: each a payload for one client and event with the answer docs/protocol.md
 * requires. Payloads that would legitimately change a loop are never produced.
 */
import { COMMAND_NAMES, type CommandName, commandSchemas } from '../../../shared/src/loop/commands';
import { type FuzzClient, IN_FLIGHT, type Outcome, pool, SAFE_BYTES } from './client';
import {
  ackMatches,
  BAD_REQUEST,
  classify,
  CLIENT_NAMES,
  type ClientName,
  COMMANDS,
  EVENTS,
  type Expectation,
  fixedExpect,
  SKIP,
} from './contract';
import { count, fail, type FailureKind } from './invariants';
import { garbagePayload, mutate, validPayload } from './payloads';
import {
  deepArrayJson,
  deepObjectJson,
  hasBinary,
  nastyString,
  overTheWire,
  POLLUTION_MARKER,
  preview,
  PROTO_KEYS,
  type Rng,
  setOwn,
  weirdValue,
  wireBytes,
} from './values';
import { world } from './world';

export interface SocketCase {
  client: ClientName;
  event: string;
  /** Arguments for socket.io-client, the ack callback excluded. */
  args?: unknown[];
  /** Or a payload as JSON text, sent as a raw frame (deep nesting, duplicate keys, -0 ...). */
  rawJson?: string;
  ack: boolean;
  expect: Expectation;
  bytes: number;
  note: string;
}

/** `total` commands with payloads their schema refuses (no binary, none over the size limit). */
export function invalidCommands(rng: Rng, total: number): [CommandName, unknown][] {
  const payloads: [CommandName, unknown][] = [];
  while (payloads.length < total) {
    const event = rng.pick(COMMAND_NAMES);
    const { value } = garbagePayload(rng, world.loops.solo, event);
    if (hasBinary(value) || wireBytes(value) > SAFE_BYTES) continue;
    if (!commandSchemas[event].safeParse(overTheWire(value)).success) payloads.push([event, value]);
  }
  return payloads;
}

export function socketCase(rng: Rng): SocketCase {
  const client = world.clients[rng.pick(CLIENT_NAMES)];
  const commands = EVENTS.filter((e) => e !== 'clock:ping' && e !== 'loop:sync');
  const event = rng.chance(0.06) ? rng.pick(['clock:ping', 'loop:sync']) : rng.pick(commands);
  const base = { client: client.name, event, ack: rng.chance(0.9) };
  for (let attempt = 0; attempt < 40; attempt++) {
    let value: unknown;
    let note: string;
    const strategy = rng.next();
    if (strategy < 0.2 || !COMMANDS.includes(event)) {
      ({ value, note } = garbagePayload(rng, client.loop, event));
    } else {
      const payload = validPayload(rng, client.loop, event as CommandName);
      note =
        strategy < 0.6
          ? mutate(rng, client.loop, payload, event as CommandName)
          : 'schema-valid, wrong role/round/state';
      value = payload;
    }
    const binary = hasBinary(value);
    const expect = binary ? fixedExpect(event) : classify(client, event, overTheWire(value));
    if (expect !== SKIP) return { ...base, args: [value], expect, bytes: wireBytes(value), note };
  }
  return { ...base, args: [null], expect: BAD_REQUEST, bytes: 20, note: 'null' };
}

/**
 * Complete score cards but for one pollution key in `ratings`, for the running round:
 * the interviewer's would be recorded if the key slipped through validation.
 */
export function pollutedCards(): SocketCase[] {
  const cases: SocketCase[] = [];
  for (const client of Object.values(world.clients))
    for (const key of PROTO_KEYS)
      for (const value of [3, 'no-signal', { [POLLUTION_MARKER]: 'yes' }, null]) {
        const ratings = Object.fromEntries(client.loop.dimensions.map((d) => [d, 3]));
        setOwn(ratings, key, value);
        const card = { ratings, vote: 3, justification: 'x' };
        const payload = { commandId: `fz-card-${cases.length}-xx`, round: 0, card };
        const expect = classify(client, 'score:submit', overTheWire(payload)) as Expectation;
        const note = `complete card, ratings.${key}`;
        const c = { client: client.name, event: 'score:submit', args: [payload], ack: true, note };
        cases.push({ ...c, expect, bytes: wireBytes(payload) });
      }
  return cases;
}

/** Deep nesting, 10,000 levels: too deep for socket.io-client's encoder, so sent as raw frames. */
export function deepCases(rng: Rng): SocketCase[] {
  const cases: SocketCase[] = [];
  for (const event of EVENTS)
    for (const shape of ['array', 'object'] as const)
      for (const where of ['payload', 'field'] as const) {
        const deep = shape === 'array' ? deepArrayJson(10_000) : deepObjectJson(10_000);
        const client = rng.pick(CLIENT_NAMES);
        const field = rng.pick(['commandId', 'round', 'card', 'avoid', 'text']);
        const rawJson =
          where === 'payload'
            ? deep
            : `{"commandId":"fz-deep-${cases.length}-x","round":1,"${field}":${deep}}`;
        const note = `${shape} 10,000 deep as ${where === 'payload' ? 'the payload' : field}`;
        const bytes = rawJson.length + event.length + 20;
        cases.push({ client, event, rawJson, ack: true, expect: fixedExpect(event), bytes, note });
      }
  return cases;
}

/** Socket.IO's own events, which socket.io-client refuses to emit. */
// prettier-ignore
const RESERVED = ['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener',
  'removeListener'];
/** Event names that are almost right, reserved elsewhere, or hostile. */
// prettier-ignore
const STRAY_EVENTS = ['round:Start', 'ROUND:START', 'round:start ', ' round:start',
  'round:start\u0000', 'round:', ':start', 'loop:updated', 'presence:changed', 'connection',
  'message', 'error', 'ping', 'pong', 'clock:pong', ...PROTO_KEYS, 'hasOwnProperty', 'toString',
  'valueOf', '', 'x'.repeat(10_000), 'loop:sync\n', 'loop\u202e:sync'];

/** Unknown events (answered bad-request with an ack), missing payloads, extra arguments. */
export function strayCases(rng: Rng, total: number): SocketCase[] {
  const cases: SocketCase[] = [];
  for (let i = 0; i < total; i++) {
    const client = rng.pick(CLIENT_NAMES);
    if (rng.chance(0.8)) {
      const event = rng.chance(0.6) ? rng.pick(STRAY_EVENTS) : nastyString(rng, 6);
      if (RESERVED.includes(event)) continue;
      const value = weirdValue(rng);
      // docs/protocol.md: an unknown event with an ack is answered bad-request.
      const unknown = { expect: BAD_REQUEST, bytes: wireBytes(value), note: 'unknown event' };
      cases.push({ client, event, args: [value], ack: rng.chance(0.5), ...unknown });
    } else if (rng.chance(0.5)) {
      // No payload, only the ack callback: the callback is the ack, the payload missing.
      const event = rng.pick(EVENTS);
      const expect = classify(world.clients[client], event, null) as Expectation;
      cases.push({ client, event, args: [], ack: true, expect, bytes: 0, note: 'ack only' });
    } else {
      // Several arguments: answered (any error for a command) when an ack comes last.
      const event = rng.pick(EVENTS);
      const args = rng.pick([
        [],
        [null, 'extra'],
        [{}, {}, {}],
        [weirdValue(rng, 1), weirdValue(rng, 1)],
      ]);
      const ack = args.length > 0 && rng.chance(0.5);
      const expect = fixedExpect(event, 'any');
      const note = `${args.length} arguments`;
      cases.push({ client, event, args, ack, expect, bytes: wireBytes(args), note });
    }
  }
  return cases;
}

/** Records a failure unless an acked case got the answer it expects. */
function judge(client: FuzzClient, c: SocketCase, outcome: Outcome, kind: FailureKind) {
  if (!c.ack) return;
  const sent = c.rawJson !== undefined ? preview(c.rawJson, 120) : preview(c.args);
  const payload = `${preview(c.event, 60)} ${sent} (${c.note})`;
  if (outcome.kind !== 'ack')
    return fail(kind, c.client, `no ack (${outcome.kind})`, payload, outcome);
  const expected = c.expect.kind === 'error' ? `error ${c.expect.codes}` : c.expect.kind;
  if (!ackMatches(client, c.expect, outcome.reply))
    fail(kind, c.client, `expected ${expected}`, payload, outcome.reply);
}

/**
 * Sends each client's cases, IN_FLIGHT at a time, and judges every ack as `kind`; each
 * socket must still answer a ping after every 250 cases and after the last.
 */
export async function sendCases(cases: SocketCase[], kind: FailureKind, label: string) {
  const perClient = async (client: FuzzClient) => {
    let done = 0;
    const ping = async () => {
      const live = await client.ping();
      const where = `${client.name} after ${done} payloads`;
      if (live !== 'ok') fail(kind, where, 'clock:ping not answered', '', live);
    };
    await pool(
      cases.filter((c) => c.client === client.name),
      IN_FLIGHT,
      async (c) => {
        await client.ensure();
        const raw = c.rawJson !== undefined;
        const outcome = raw
          ? await client.emitRaw(c.event, c.rawJson!)
          : await client.emit(c.event, c.args!, c.ack);
        count(raw ? 'sent socket raw-frame payloads' : `sent ${label}`);
        if (!c.ack) count(`${label} without an ack callback`);
        judge(client, c, outcome, kind);
        if (++done % 250 === 0) await ping();
      },
    );
    await ping();
  };
  await Promise.all(Object.values(world.clients).map(perClient));
}

/** Sends one case over the size limit: the server may drop the socket; then reconnects. */
export async function sendOversize(c: SocketCase): Promise<boolean> {
  const client = world.clients[c.client];
  await client.ensure();
  const outcome = await client.emit(c.event, c.args!, true);
  count('sent socket payloads over the size limit');
  if (outcome.kind === 'disconnected') count('socket dropped for a message over 64 KB');
  else judge(client, c, outcome, 'oversize');
  await client.ensure();
  return (await client.ping()) === 'ok';
}
