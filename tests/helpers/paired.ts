/**
 * Helpers for driving a paired loop from the outside: creating loops over REST, and one
 * recording socket per participant. Nothing here is shared between test files: each file
 * starts its own server with `pairedServer` and reaches it through the client that returns.
 */
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll } from 'vitest';
import type { Ack } from '../../shared/src/errors';
import type { LoopView } from '../../shared/src/loop/project';
import type { Role } from '../../shared/src/loop/state';
import { PROTOCOL_VERSION, type Presence } from '../../shared/src/protocol';
import { content, ratingsFor } from './content';
import { FakeClock } from './fake-clock';
import { startTestServer, tryConnect, type TestServer, type TestSocket } from './test-server';

/** Each role's link to a loop. */
export type Tokens = Record<Role, string>;

/** A paired loop as created: its id and the three links. */
export interface PairedLoop {
  id: string;
  tokens: Tokens;
}

/** Any command's acknowledgement, when the event is not known to the compiler. */
export type AnyAck = Ack<Record<string, unknown>>;

const TWO_ROUNDS = [{ id: 'screen' }, { id: 'behavioral' }];

/** A source of fresh, valid command ids: `${prefix}-1`, `${prefix}-2`, … Make one per file. */
export function commandIds(prefix: string): () => string {
  let n = 0;
  return () => `${prefix}-${++n}`;
}

/** Polls until `get` yields a value: finds what already arrived as well as what is to come. */
export async function until<T>(what: string, get: () => T | undefined, ms = 4000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = get();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

export interface SocketOptions {
  /** Reconnect after losing the connection, as the app's client does (default: no). */
  reconnect?: boolean;
}

/**
 * A socket for one role of a loop, not yet connected: listeners added before `connect()`
 * miss nothing the server sends.
 */
export function openSocket(
  url: string,
  loopId: string,
  token: string,
  options: SocketOptions = {},
): TestSocket {
  return connect(url, {
    auth: { loopId, token, protocol: PROTOCOL_VERSION },
    transports: ['websocket'],
    reconnection: options.reconnect ?? false,
    reconnectionDelay: 100,
    forceNew: true,
    autoConnect: false,
  });
}

/** Sends any event, untyped: for refusals and for loops over every command. */
export function emitAny(socket: TestSocket, event: string, payload: unknown): Promise<AnyAck> {
  const emit = socket.emitWithAck.bind(socket) as (
    event: string,
    payload: unknown,
  ) => Promise<AnyAck>;
  return emit(event, payload);
}

/** One participant's socket, with everything it received recorded from the start. */
export class Peer {
  readonly views: LoopView[] = [];
  readonly presence: Presence[] = [];
  disconnectReason: string | null = null;

  private constructor(
    readonly name: string,
    readonly socket: TestSocket,
  ) {
    socket.on('loop:updated', (view) => this.views.push(view));
    socket.on('presence:changed', (presence) => this.presence.push(presence));
    socket.on('disconnect', (reason) => {
      this.disconnectReason = reason;
    });
  }

  /** Connects as `name` to the server at `url`; resolves once the first view has arrived. */
  static async join(
    url: string,
    name: string,
    loopId: string,
    token: string,
    options: SocketOptions = {},
  ): Promise<Peer> {
    const socket = openSocket(url, loopId, token, options);
    const peer = new Peer(name, socket);
    const refused = new Promise<never>((_, reject) =>
      socket.once('connect_error', (error) => reject(new Error(`${name}: ${error.message}`))),
    );
    socket.connect();
    await Promise.race([until(`${name}'s first view`, () => peer.views[0]), refused]);
    return peer;
  }

  /** The last view this peer received. */
  get latest(): LoopView {
    const view = this.views.at(-1);
    if (!view) throw new Error(`${this.name} has no view`);
    return view;
  }

  /** The view this peer received at `version`, waiting for it if need be. */
  atVersion(version: number): Promise<LoopView> {
    return until(`${this.name}'s view at version ${version}`, () =>
      this.views.find((view) => view.version === version),
    );
  }

  /** Waits until the latest presence this peer was told about equals `expected`. */
  presenceIs(expected: Presence): Promise<Presence> {
    return until(`${this.name} told presence ${JSON.stringify(expected)}`, () => {
      const last = this.presence.at(-1);
      return last && JSON.stringify(last) === JSON.stringify(expected) ? last : undefined;
    });
  }

  /** Sends any event, untyped: for refusals and for loops over every command. */
  emit(event: string, payload: unknown): Promise<AnyAck> {
    return emitAny(this.socket, event, payload);
  }

  /** The loop as the server has it now, for this role. */
  async sync(): Promise<LoopView> {
    const reply = await this.socket.emitWithAck('loop:sync', {});
    if (!reply.ok) throw new Error(`${this.name}: loop:sync refused: ${reply.error.message}`);
    return reply.data;
  }

  /**
   * A round trip to the server: any broadcast caused before this call reached the server
   * has been received once it resolves (one connection delivers in order).
   */
  async flush(): Promise<void> {
    await this.socket.emitWithAck('clock:ping', { sentAt: 0 });
  }

  /** Disconnects the socket. */
  close(): void {
    this.socket.disconnect();
  }
}

/** The version a command produced; fails with the server's reason if it was refused. */
export function versionOf(ack: Ack<{ version: number }>): number {
  if (!ack.ok) throw new Error(`command refused: ${ack.error.code}: ${ack.error.message}`);
  return ack.data.version;
}

/** A score card for a round: every rubric dimension rated `vote`, with the vote and why. */
export function card(roundId: string, vote: 1 | 2 | 3 | 4, justification: string) {
  return { ratings: ratingsFor(roundId, vote), vote, justification };
}

/** The bank question drawn for round `round` of a view, with everything the bank holds. */
export function questionOf(view: LoopView, round: number) {
  const r = view.rounds[round];
  if (!r) throw new Error(`no round ${round}`);
  const question = content.question(r.roundId, r.question.id);
  if (!question) throw new Error(`no question ${r.roundId}/${r.question.id}`);
  return question;
}

/** The helpers that reach a server, bound to the URL of a test file's own server. */
export class PairedClient {
  /** `urlOf` answers the server's URL once it is listening. */
  constructor(private readonly urlOf: () => string) {}

  /** The server's URL: inside tests only, once the server is up. */
  get url(): string {
    return this.urlOf();
  }

  /** Creates a loop over REST (two rounds unless told) and returns its id and tokens. */
  async createLoop(mode: 'solo' | 'paired', rounds: object[] = TWO_ROUNDS, extra: object = {}) {
    const res = await request(this.url)
      .post('/api/loops')
      .send({ mode, rounds, ...extra })
      .expect(201);
    return res.body as { id: string; tokens: Partial<Tokens> };
  }

  /**
   * Creates a paired loop over REST (two rounds unless told, with `extra` fields of the
   * request such as `targetLevel`); fails unless it has three links.
   */
  async createPaired(rounds: object[] = TWO_ROUNDS, extra: object = {}): Promise<PairedLoop> {
    const body = await this.createLoop('paired', rounds, extra);
    const { candidate, interviewer, observer } = body.tokens;
    if (!candidate || !interviewer || !observer) throw new Error('a paired loop has three tokens');
    return { id: body.id, tokens: { candidate, interviewer, observer } };
  }

  /** Connects as `name`; resolves once the first view has arrived. */
  join(name: string, loopId: string, token: string): Promise<Peer> {
    return Peer.join(this.url, name, loopId, token);
  }

  /** Joins the interviewer, the candidate and the observer, in that order. */
  async joinAll(loop: PairedLoop) {
    const interviewer = await this.join('interviewer', loop.id, loop.tokens.interviewer);
    const candidate = await this.join('candidate', loop.id, loop.tokens.candidate);
    const observer = await this.join('observer', loop.id, loop.tokens.observer);
    return { interviewer, candidate, observer, all: [interviewer, candidate, observer] };
  }

  /** Connects and resolves with the refusal message, or 'connected'. */
  handshake(loopId: string, token: string): Promise<string> {
    return tryConnect(this.url, { loopId, token, protocol: PROTOCOL_VERSION });
  }

  /** GETs a loop over REST with a role's token; chain `.expect(status)` on it. */
  getView(loopId: string, token: string) {
    return request(this.url).get(`/api/loops/${loopId}`).set('Authorization', `Bearer ${token}`);
  }
}

/**
 * Gives the test file that calls it (once, at its top) a server of its own on a clock that
 * moves only when told, started in `beforeAll` and closed in `afterAll`, and a client bound
 * to it: usable inside tests only, once the server is up.
 */
export function pairedServer(): { client: PairedClient; clock: FakeClock } {
  const clock = new FakeClock(Date.now());
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startTestServer({ clock });
  });
  afterAll(() => server?.close());
  const client = new PairedClient(() => {
    if (!server) throw new Error('the test server is not up: use it inside a test');
    return server.url;
  });
  return { client, clock };
}
