/**
 * Odd traffic below the Socket.IO client: malformed and mutated frames written straight to
 * the engine, and malformed handshakes.
 */
import { COMMAND_NAMES } from '../../../shared/src/loop/commands';
import { PROTOCOL_VERSION } from '../../../shared/src/protocol';
import { nextRawId } from './client';
import {
  ackMatches,
  BAD_REQUEST,
  classify,
  type ClientName,
  type Expectation,
  isErrorAck,
  SKIP,
} from './contract';
import { count, fail } from './invariants';
import { validPayload } from './payloads';
import {
  extraKey,
  extraValue,
  hugeString,
  nastyString,
  overTheWire,
  POLLUTION_JSON,
  POLLUTION_MARKER,
  preview,
  type Rng,
  setOwn,
} from './values';
import { world } from './world';

export interface RawFrame {
  client: ClientName;
  parts: (string | Buffer)[];
  ackId?: number;
  expect?: Expectation;
  /** The frame is the client leaving (a DISCONNECT packet): reconnect afterwards. */
  leaves?: boolean;
  note: string;
}

/** Frames with odd packet types, ack ids, namespaces, events and attachment counts. */
// prettier-ignore
const ODD_FRAMES = ['2', '2[]', '2[null]', '2[42,{}]', '2[1e400]', '2[-0]', '2[true]', '2[{}]',
  '2[[]]', '2["__proto__",{}]', '2["constructor"]', '2["hasOwnProperty",1]', '2["toString"]',
  '2["error",{"message":"boom"}]', '2["error"]', '2["disconnecting","x"]', '2["disconnect"]',
  '2["newListener","round:start"]', '2["removeListener","clock:ping"]', '2["connect"]',
  '2["connect_error",{}]', '2["loop:updated",{}]', '2["presence:changed",{}]', '2"round:start"',
  '2{"0":"round:start"}', '2["round:start",', '2/nope,["clock:ping",{}]',
  '2/nope,1["clock:ping",{}]', '0/nope,{}', '0/,{}', '0{"loopId":"x"}', '1/nope,', '3999[]', '3[]',
  '31["ok"]', '4"x"', '4{}', '6["x"]', '9', '', 'x', '2\u0000', ' 2["clock:ping"]', '5-["x"]',
  '5a-["x"]', '511-["x"]', '5-1-["x"]', '50-["x"]', '5999999999-["x"]'];
const MARK = `"${POLLUTION_MARKER}":"yes"`;
/** Payloads with odd numbers, duplicate keys and escapes, which JSON.parse reads its own way. */
// prettier-ignore
const ODD_JSON: [string, string][] = [
  ['round 1e400', '{"commandId":"fz-raw-0001","round":1e400}'],
  ['round -0', '{"commandId":"fz-raw-0002","round":-0}'],
  ['round 1.0', '{"commandId":"fz-raw-0003","round":1.0}'],
  ['round 1e-19', '{"commandId":"fz-raw-0004","round":0.0000000000000000001}'],
  ['round 1e-400', '{"commandId":"fz-raw-0005","round":1e-400}'],
  ['round 20.000000000000001', '{"commandId":"fz-raw-0006","round":20.000000000000001}'],
  ['round 30 digits', '{"commandId":"fz-raw-0007","round":123456789012345678901234567890}'],
  ['duplicate round key', '{"commandId":"fz-raw-0008","round":5,"round":1}'],
  ['duplicate commandId key', '{"commandId":"bad id","commandId":"fz-raw-0009","round":1}'],
  ['escaped commandId', '{"commandId":"\\u0066\\u007a-raw-0010","round":1}'],
  ['lone surrogate escape', '{"commandId":"fz-raw-\\ud800","round":1}'],
  ['NUL escape', '{"commandId":"fz-raw-\\u0000-0011","round":1}'],
  ['own __proto__', `{"commandId":"fz-raw-0012","round":1,"__proto__":{${MARK}}}`],
  ['constructor.prototype',
    `{"commandId":"fz-raw-0013","round":1,"constructor":{"prototype":{${MARK}}}}`],
];
/** What each command needs besides `commandId` and `round` to pass validation. */
// prettier-ignore
const REST_OF = { 'round:start': '', 'code:language': ',"language":"python"', 'timer:extend': ',"minutes":1',
  'hint:reveal': ',"index":3' };
const INSERTS = ['[', ']', '{', '}', '"', ',', ':', '\\', '\u0000', '-', '0', 'e9', 'null', '\\u'];
/** Malformed frames from the solo candidate and the observer, then `mutations` mutated ones. */
export function rawFrames(rng: Rng, mutations: number): RawFrame[] {
  const frames: RawFrame[] = [];
  const plain = (client: ClientName, note: string, ...parts: (string | Buffer)[]) =>
    frames.push({ client, parts, note });
  /** A frame with an ack id: `text` writes it around the id. */
  const acked = (
    client: ClientName,
    note: string,
    expect: Expectation | undefined,
    text: (ackId: number) => string,
    ...rest: Buffer[]
  ) => {
    const ackId = nextRawId();
    frames.push({ client, parts: [text(ackId), ...rest], ackId, expect, note });
  };
  const withAck = (client: ClientName, event: string, json: string, note: string) => {
    const expect = classify(world.clients[client], event, JSON.parse(json));
    const frame = (id: number) => `2${id}[${JSON.stringify(event)},${json}]`;
    if (expect !== SKIP) acked(client, note, expect, frame);
  };
  for (const client of ['solo-candidate', 'paired-observer'] as const) {
    for (const text of ODD_FRAMES) plain(client, `frame ${JSON.stringify(text)}`, text);
    frames.push({ client, parts: ['1'], leaves: true, note: 'DISCONNECT packet from the client' });
    plain(client, 'binary frame out of the blue', Buffer.from([1, 2, 3]));
    for (const num of ['1', '"__proto__"', '-1', '0.5', 'null', '"0"', '{"a":1}']) {
      const text = `51-["code:language",{"_placeholder":true,"num":${num}}]`;
      plain(client, `placeholder num ${num}`, text, Buffer.from('x'));
    }
    const placeholder = '{"_placeholder":true,"num":0}';
    const buffer = (id: number) => `51-${id}["code:language",${placeholder}]`;
    acked(client, 'a Buffer as the payload', BAD_REQUEST, buffer, Buffer.from('binary payload'));
    const fields = '"commandId":"fz-raw-proto-1","round":1,"language":"python"';
    const proto = (id: number) =>
      `51-${id}["code:language",{"__proto__":${placeholder},${fields}}]`;
    acked(client, 'attachment under __proto__', BAD_REQUEST, proto, Buffer.from('x'));
    const two = `52-["code:language",${placeholder},{"_placeholder":true,"num":1}]`;
    const text = '2["clock:ping",{}]';
    plain(client, 'two attachments announced, text follows', two, Buffer.from('a'), text);
    for (const [note, json] of ODD_JSON)
      for (const [event, rest] of Object.entries(REST_OF))
        withAck(client, event, json.replace(/}$/, `${rest}}`), `${event} ${note}`);
    for (const json of POLLUTION_JSON) withAck(client, 'loop:end', json, `loop:end ${json}`);
  }
  // Mutated well-formed frames, from the observer (for whom no command is valid).
  const loop = world.clients['paired-observer'].loop;
  for (let i = 0; i < mutations; i++) {
    const event = rng.pick(COMMAND_NAMES);
    // A fresh command id, so that no mutation of it can be an applied one.
    const payload = { ...validPayload(rng, loop, event), commandId: `fz-mut-${i}-xx` };
    acked('paired-observer', `mutated ${event} frame`, undefined, (id) => {
      let text = `2${id}[${JSON.stringify(event)},${JSON.stringify(payload)}]`;
      const head = `2${id}`.length;
      for (let k = rng.int(1, 3); k > 0; k--) {
        const at = rng.int(head, text.length);
        const op = rng.int(0, 3);
        if (op === 0) text = text.slice(0, at) + rng.pick(INSERTS) + text.slice(at);
        else if (op === 1) text = text.slice(0, at) + text.slice(at + rng.int(1, 5));
        else if (op === 2) text = text.slice(0, at) + text.slice(at, at + 20) + text.slice(at);
        else text = text.slice(0, at);
      }
      return text;
    });
  }
  return frames;
}

/** Writes a frame; the socket must then answer a ping or close, and any ack be well-formed. */
export async function sendFrame(frame: RawFrame) {
  const client = world.clients[frame.client];
  await client.ensure();
  const disconnect = client.watchDisconnect();
  for (const part of frame.parts) client.engine().write(part);
  count('sent raw Socket.IO frames');
  if (frame.leaves) {
    // The server closed this namespace socket; what the client sends next is dropped.
    disconnect.cancel();
    return client.socket.close();
  }
  // Messages are handled in order: once a later ping is answered, earlier replies are in.
  const dropped = disconnect.promise.then(() => 'disconnected' as const);
  const live = await Promise.race([client.ping(), dropped]);
  disconnect.cancel();
  const fault = (what: string, got: unknown) =>
    fail('raw', frame.note, what, preview(frame.parts), got);
  if (live === 'disconnected') count('raw frame: socket dropped (protocol error)');
  else if (live !== 'ok') fault(`socket neither answers nor closes (${live})`, live);
  if (frame.ackId === undefined) return;
  const reply = client.rawReplies.get(frame.ackId);
  if (reply === undefined) {
    if (live === 'ok' && frame.expect) fault('no ack for a well-formed frame', 'nothing');
    return;
  }
  const r = reply as { ok?: boolean; data?: Record<string, unknown> };
  const benign =
    r?.ok === true && (typeof r.data?.serverNow === 'number' || r.data?.id !== undefined);
  const expected = frame.expect
    ? ackMatches(client, frame.expect, reply)
    : benign || isErrorAck(reply, 'any');
  if (!expected) fault('unexpected ack', reply);
}

/** Handshake `auth` that must be refused: odd types, unknown loops, wrong tokens or versions. */
export function handshakeCase(rng: Rng): unknown {
  const { solo, paired } = world.loops;
  const tokens = [...Object.values(solo.tokens), ...Object.values(paired.tokens)] as string[];
  for (;;) {
    if (rng.chance(0.05)) {
      const huge = { loopId: hugeString(rng, 80_000), token: 'x', protocol: 1 };
      return rng.pick<unknown>([null, 'auth', 42, [], [solo.id], { toString: 1 }, huge]);
    }
    const { id } = solo;
    // prettier-ignore
    const auth: Record<string, unknown> = {
      loopId: rng.pick<unknown>([id, paired.id, id, paired.id, 'fz-no-loop', '', 'x'.repeat(65), 42,
        null, [], {}, `../${id}`, id.toUpperCase(), `${id}\u0000`]),
      token: rng.pick<unknown>([...tokens, ...tokens, 'A'.repeat(22), 'short', 'x'.repeat(101), 42,
        null, [], {}, `${tokens[0]} `, nastyString(rng)]),
      protocol: rng.pick<unknown>([PROTOCOL_VERSION, PROTOCOL_VERSION, 0, 2, '1', null, NaN, 1.5,
        -1, 1e308, true, [1]]),
    };
    if (rng.chance(0.2)) delete auth[rng.pick(['loopId', 'token', 'protocol'])];
    if (rng.chance(0.2)) setOwn(auth, extraKey(rng), extraValue(rng, false));
    const wire = overTheWire(auth) as Record<string, unknown>;
    const loop = [solo, paired].find((l) => l.id === wire.loopId);
    const valid =
      wire.protocol === PROTOCOL_VERSION &&
      !!loop &&
      Object.values(loop.tokens).includes(wire.token as string);
    if (!valid) return auth;
  }
}
