/**
 * The contract the fuzzer holds the server to, read from docs/protocol.md: which events
 * exist and who may send them, which REST endpoints exist, and what the server must
 * answer to a payload (an error ack with a known code, a replay, a ping or sync reply).
 */
import { readFileSync } from 'node:fs';
import { ERROR_CODES, type ErrorCode } from '../../../shared/src/errors';
import { COMMAND_NAMES, commandSchemas, type CommandName } from '../../../shared/src/loop/commands';
import type { Mode, Role } from '../../../shared/src/loop/state';
import { CLIENT_EVENT_NAMES, CLIENT_EVENTS } from '../../../shared/src/protocol-table';

/** Shared-workspace events: not commands, they never touch the loop's state or log. */
const WORKSPACE_EVENTS: readonly string[] = CLIENT_EVENT_NAMES.filter(
  (name) => CLIENT_EVENTS[name].limited && !(COMMAND_NAMES as readonly string[]).includes(name),
);

const ROLES: readonly Role[] = ['candidate', 'interviewer', 'observer'];
// prettier-ignore
const HTTP_STATUS: Record<ErrorCode, number> = {
  'bad-request': 400, unauthorized: 401, forbidden: 403, 'not-found': 404, conflict: 409,
  'too-large': 413, 'rate-limited': 429, 'limit-reached': 429, 'storage-full': 507,
  'protocol-mismatch': 400, internal: 500,
};

interface EventSpec {
  solo: Role[];
  paired: Role[];
}

function readProtocolDoc(): { events: Map<string, EventSpec>; endpoints: string[] } {
  const markdown = readFileSync(new URL('../../../docs/protocol.md', import.meta.url), 'utf8');
  const section = markdown.split('### Client → server')[1]!.split('\n### ')[0]!;
  const roles = (text: string): Role[] => {
    if (text.trim() === '—') return [];
    return text.split(',').map((part) => {
      const role = part.replace(/\(.*?\)/g, '').trim() as Role;
      if (!ROLES.includes(role)) throw new Error(`protocol.md: unknown role "${part}"`);
      return role;
    });
  };
  const events = new Map<string, EventSpec>();
  for (const line of section.split('\n')) {
    const cells = line.split(/(?<!\\)\|/).map((cell) => cell.trim());
    const name = /^`([a-z-]+:[a-z-]+)`$/.exec(cells[1] ?? '')?.[1];
    if (!name) continue;
    const [solo, paired] = cells[3] === 'any' ? ['any', 'any'] : cells[3]!.split('·');
    const spec = (text: string) => (text === 'any' ? [...ROLES] : roles(text));
    events.set(name, { solo: spec(solo!), paired: spec(paired!) });
  }
  const endpoints: string[] = [];
  for (const m of markdown.matchAll(/^### `(GET|POST) (\/api\/\S+?)`(.*)$/gm)) {
    endpoints.push(`${m[1]} ${m[2]}`);
    for (const extra of m[3]!.matchAll(/`(\/[^`]+)`/g))
      endpoints.push(`${m[1]} ${m[2]!.replace(/\/[^/]+$/, '')}${extra[1]}`);
  }
  return { events, endpoints };
}

export const doc = readProtocolDoc();
/** Every command the server knows; an event the server lacks is answered as unknown. */
export const COMMANDS = COMMAND_NAMES as readonly string[];
/** Every event the docs or the server know (a mismatch fails the first test). */
export const EVENTS = [
  ...new Set([
    ...COMMAND_NAMES,
    ...doc.events.keys(),
    'clock:ping',
    'loop:sync',
    ...WORKSPACE_EVENTS,
  ]),
];

/** A loop the fuzzer attacks, with what it must know to tell a valid payload from a bad one. */
export interface LoopInfo {
  mode: Mode;
  id: string;
  tokens: Partial<Record<Role, string>>;
  rounds: number;
  current: number;
  /** Command ids applied during setup, with the version each produced. */
  applied: Map<string, number>;
  /** The version after setup: no payload may change it. */
  baseline: number;
  /** Follow-ups of the current round's question. */
  followUps: number;
  /** The current round's Leadership Principle question: its follow-ups and its bank; or null. */
  lp: { followUps: number; bank: Set<string> } | null;
  /** Question ids of the current round's bank. */
  bank: Set<string>;
  /** Rubric dimensions of the current round. */
  dimensions: string[];
  roundIds: string[];
}

/** One client per role: the solo loop's candidate and the paired loop's three roles. */
export const CLIENT_NAMES = [
  'solo-candidate',
  'paired-interviewer',
  'paired-candidate',
  'paired-observer',
] as const;
export type ClientName = (typeof CLIENT_NAMES)[number];
interface Sender {
  loop: LoopInfo;
  role: Role;
}

type Codes = readonly ErrorCode[] | 'any';
export type Expectation =
  | { kind: 'error'; codes: Codes }
  | { kind: 'replay'; version: number }
  | { kind: 'ping' }
  | { kind: 'sync' };
export const BAD_REQUEST = { kind: 'error', codes: ['bad-request'] } as const;
/** The payload is valid and would change the loop: never sent. */
export const SKIP = 'skip' as const;

/**
 * The fuzzed loops have no whiteboard, and no payload names the current coding question,
 * so every workspace event is refused: as malformed, for a missing round, a round without
 * that workspace, a changed question, or a role that may not edit.
 */
const WORKSPACE_REFUSALS: Codes = ['bad-request', 'not-found', 'conflict', 'forbidden'];

/** The answer to any payload of clock:ping and loop:sync; other events get an error. */
export function fixedExpect(event: string, codes: Codes = ['bad-request']) {
  if (event === 'clock:ping') return { kind: 'ping' } as const;
  if (event === 'loop:sync') return { kind: 'sync' } as const;
  if (WORKSPACE_EVENTS.includes(event))
    return { kind: 'error', codes: WORKSPACE_REFUSALS } as const;
  return { kind: 'error', codes } as const;
}

/** Classifies a payload as the server's JSON.parse sees it. */
export function classify(client: Sender, event: string, wire: unknown): Expectation | typeof SKIP {
  // A valid call event from a role in the call does what it asks (joins, leaves, relays).
  const senders = doc.events.get(event)?.[client.loop.mode] ?? [];
  if (event.startsWith('call:') && senders.includes(client.role)) {
    const schema = CLIENT_EVENTS[event as keyof typeof CLIENT_EVENTS].schema;
    if (schema.safeParse(wire).success) return SKIP;
  }
  if (!COMMANDS.includes(event) || event === 'clock:ping' || event === 'loop:sync')
    return fixedExpect(event); // unknown events are refused
  const name = event as CommandName;
  const parsed = commandSchemas[name].safeParse(wire);
  if (!parsed.success) return BAD_REQUEST;
  // A command the docs do not describe: no way to tell a valid one from a bad one.
  if (!doc.events.has(event)) return SKIP;
  const p = parsed.data as { commandId: string; round?: number; index?: number } & Record<
    string,
    unknown
  >;
  const { loop, role } = client;
  const permitted = doc.events.get(event)![loop.mode].includes(role);
  const error = (...codes: ErrorCode[]) => ({ kind: 'error', codes }) as const;
  // A resent rotation is a conflict (no token to send again), checked before the role.
  if (name === 'token:rotate' && loop.applied.has(p.commandId))
    return error('conflict', 'forbidden');
  const deduplicated = name !== 'token:rotate' && name !== 'loop:swap';
  if (deduplicated && loop.applied.has(p.commandId)) {
    // At most once: a resent id acks the version it produced, to a role that may send it.
    return permitted
      ? { kind: 'replay', version: loop.applied.get(p.commandId)! }
      : error('forbidden');
  }
  if (!permitted) return error('forbidden');
  // Consent to recording: a permitted role's agreement or withdrawal is valid in any round.
  if (name === 'recording:agree' || name === 'recording:withdraw') return SKIP;
  if (name === 'token:rotate' || name === 'loop:end') return SKIP;
  if (name === 'loop:swap') return error('conflict'); // the loop has not ended
  const round = p.round!;
  if (round >= loop.rounds) return error('not-found');
  // Signals may be ticked in any round of a running loop (docs/protocol.md); whether one is
  // valid there depends on that round's question, which the contract does not model.
  if (round !== loop.current && name === 'signal:tick') return SKIP;
  if (round !== loop.current) return error('conflict');
  if (p.part === 'lp') {
    // About the question of the round's opening Leadership Principle phase.
    if (!loop.lp) return error('bad-request');
    switch (name) {
      case 'hint:reveal':
        return p.index === 0 ? SKIP : error('bad-request');
      case 'followup:push':
        return p.index! < loop.lp.followUps ? SKIP : error('bad-request');
      case 'question:change': {
        const questionId = p.questionId as string | undefined;
        return questionId !== undefined && !loop.lp.bank.has(questionId)
          ? error('bad-request')
          : SKIP;
      }
    }
  }
  switch (name) {
    case 'round:start':
      return error('conflict'); // already started in setup
    case 'hint:reveal':
      return p.index === 0 ? SKIP : error('bad-request'); // no hint revealed yet
    case 'followup:push':
      return p.index! < loop.followUps ? SKIP : error('bad-request');
    case 'question:change': {
      const questionId = p.questionId as string | undefined;
      return questionId !== undefined && !loop.bank.has(questionId) ? error('bad-request') : SKIP;
    }
    case 'score:submit': {
      if (role === 'candidate') return error('conflict'); // a self-score waits for the round's end
      const keys = Object.keys((wire as { card: { ratings: object } }).card.ratings);
      const complete =
        loop.dimensions.every((d) => keys.includes(d)) &&
        keys.every((k) => loop.dimensions.includes(k));
      return complete ? SKIP : error('bad-request');
    }
    default:
      return SKIP; // pause, resume, extend, next, end, notes on the current round: valid
  }
}

/** `{ ok: false, error: { code, message } }` with a known code (never `internal`) among `codes`. */
export function isErrorAck(reply: unknown, codes: Codes): boolean {
  if (typeof reply !== 'object' || reply === null) return false;
  const r = reply as { ok?: unknown; error?: { code?: unknown; message?: unknown } };
  if (r.ok !== false || 'data' in r || typeof r.error !== 'object' || r.error === null)
    return false;
  const code = r.error.code as ErrorCode;
  return (
    ERROR_CODES.includes(code) &&
    code !== 'internal' &&
    typeof r.error.message === 'string' &&
    r.error.message.length > 0 &&
    (codes === 'any' || codes.includes(code))
  );
}

export function ackMatches(client: Sender, expect: Expectation, reply: unknown): boolean {
  const r = reply as { ok?: boolean; data?: Record<string, unknown> } | undefined;
  switch (expect.kind) {
    case 'error':
      return isErrorAck(reply, expect.codes);
    case 'replay':
      return r?.ok === true && r.data?.version === expect.version;
    case 'ping':
      return (
        (r?.ok === true && typeof r.data?.serverNow === 'number') ||
        isErrorAck(reply, ['bad-request'])
      );
    case 'sync':
      return (
        (r?.ok === true &&
          r.data?.id === client.loop.id &&
          r.data?.version === client.loop.baseline &&
          r.data?.role === client.role) ||
        isErrorAck(reply, ['bad-request'])
      );
  }
}

/** A 4xx/5xx JSON `{ error: { code, message } }` whose code matches the HTTP status. */
export function isJsonError(res: { status: number; type: string; text: string }, code?: ErrorCode) {
  if (!/application\/json/.test(res.type)) return false;
  try {
    const { error } = JSON.parse(res.text) as { error?: { code?: ErrorCode; message?: unknown } };
    return (
      !!error &&
      ERROR_CODES.includes(error.code!) &&
      typeof error.message === 'string' &&
      error.message.length > 0 &&
      HTTP_STATUS[error.code!] === res.status &&
      (code === undefined ? error.code !== 'internal' : error.code === code)
    );
  } catch {
    return false;
  }
}
