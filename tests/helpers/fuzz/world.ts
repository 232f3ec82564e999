/**
 * The server under fuzz: one real server with a file store, a solo and a paired loop with
 * some history (so that stale command ids exist), one client per role, and a snapshot of
 * everything the fuzz must leave unchanged.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerClock } from '../../../server/src/loops/clock';
import type { RateLimitConfig } from '../../../server/src/security/rate-limits';
import type { CommandName } from '../../../shared/src/loop/commands';
import type { LoopView } from '../../../shared/src/loop/project';
import type { Mode, Role } from '../../../shared/src/loop/state';
import { lpBank } from '../../../shared/src/leadership';
import type { DocRef } from '../../../shared/src/docs';
import { content, ratingsFor } from '../content';
import { writeDoc } from '../docs';
import { startTestServer, type TestServer } from '../test-server';
import { agent, createLoop, FuzzClient } from './client';
import { CLIENT_NAMES, type ClientName, type LoopInfo } from './contract';
import { preview } from './values';

export const world = {
  seed: 0,
  port: 0,
  dataDir: '',
  server: undefined as unknown as TestServer,
  db: undefined as unknown as Database.Database,
  loops: {} as Record<Mode, LoopInfo>,
  clients: {} as Record<ClientName, FuzzClient>,
};
export const otherLoop = (loop: LoopInfo) => world.loops[loop.mode === 'solo' ? 'paired' : 'solo'];

/** History made before the fuzz: start the first round (notes are typed after it). */
const SETUP: [ClientName, CommandName, Record<string, unknown>][] = [
  ['solo-candidate', 'round:start', { round: 0 }],
  ['paired-interviewer', 'round:start', { round: 0 }],
];
/** Typed before the fuzz, into the first round's documents. */
const TYPED: [ClientName, DocRef, string][] = [
  ['solo-candidate', { kind: 'notes', round: 0 }, 'fuzz baseline notes'],
  ['paired-candidate', { kind: 'notes', round: 0 }, 'candidate notes'],
  ['paired-interviewer', { kind: 'private-notes', round: 0 }, 'interviewer notes'],
];

/** Emits with an ack that must be `ok`: for setup and snapshots. */
async function must<T>(client: FuzzClient, event: string, payload: object): Promise<T> {
  const outcome = await client.emit(event, [payload], true);
  const reply = outcome.kind === 'ack' ? (outcome.reply as { ok: boolean; data: T }) : null;
  if (!reply?.ok) throw new Error(`${event} failed for ${client.name}: ${preview(outcome)}`);
  return reply.data;
}

export async function openWorld(seed: number, clock: ServerClock, rateLimits: RateLimitConfig) {
  world.seed = seed;
  world.dataDir = mkdtempSync(join(tmpdir(), 'mockloop-fuzz-'));
  world.server = await startTestServer({ clock, dataDir: world.dataDir, rateLimits });
  world.port = Number(new URL(world.server.url).port);
  const file = join(world.dataDir, 'mockloop.sqlite');
  world.db = new Database(file, { readonly: true, fileMustExist: true });
  for (const mode of ['solo', 'paired'] as const) {
    const roundIds = mode === 'solo' ? ['screen', 'coding'] : ['coding', 'behavioral'];
    const rounds = roundIds.map((id) => ({ id }));
    const { id, tokens } = await createLoop(world.port, { mode, rounds });
    world.loops[mode] = {
      mode,
      id,
      tokens,
      roundIds,
      rounds: roundIds.length,
      current: 0,
      applied: new Map(),
      baseline: 0,
      followUps: 0,
      lp: null,
      bank: new Set(content.round(roundIds[0]!)!.questions.map((q) => q.id)),
      dimensions: Object.keys(ratingsFor(roundIds[0]!, 1)),
    };
  }
  for (const name of CLIENT_NAMES) {
    const [mode, role] = name.split('-') as [Mode, Role];
    world.clients[name] = new FuzzClient(name, world.loops[mode], role, world.server.url);
    await world.clients[name].connect();
  }
  for (const [name, event, fields] of SETUP) {
    const client = world.clients[name];
    const id = `setup-${event.replace(':', '-')}-${client.loop.mode}`;
    const payload = { commandId: id, ...fields };
    const { version } = await must<{ version: number }>(client, event, payload);
    client.loop.applied.set(id, version);
    client.loop.baseline = version;
  }
  for (const [name, ref, text] of TYPED) {
    const ack = await writeDoc(world.clients[name].socket, ref, text);
    if (!ack.ok)
      throw new Error(`typing into ${ref.kind} failed for ${name}: ${ack.error.message}`);
  }
  for (const loop of Object.values(world.loops)) {
    const role = loop.mode === 'solo' ? 'candidate' : 'interviewer';
    // Viewing writes what was typed into the log, one version on: the baseline from here.
    const view = (await world.server.app.service.view(loop.id, role))!;
    loop.baseline = view.version;
    const round = view.rounds[0]!;
    loop.followUps = content.question(loop.roundIds[0]!, round.question.id)!.followUps.length;
    if (round.lp) {
      const owned = content.round(loop.roundIds[0]!)!.leadershipPrinciples;
      loop.lp = {
        followUps: content.question(round.lp.roundId, round.lp.question.id)!.followUps.length,
        bank: new Set(lpBank(content.catalog, owned).map((c) => c.questionId)),
      };
    }
  }
  const before = await snapshot();
  // From here on no client may be sent a changed view: forget the setup's views.
  for (const client of Object.values(world.clients))
    for (const list of client.views) list.length = 0;
  return before;
}

/** The loops as each role sees them, the store's rows, the service's versions. */
export async function snapshot() {
  const views: Record<string, unknown> = {};
  for (const client of Object.values(world.clients)) {
    await client.ensure();
    const view = await must<LoopView>(client, 'loop:sync', {});
    const { version, status, current, rounds, debrief, nextLoopId, recording } = view;
    views[client.name] = {
      version,
      status,
      current,
      debrief,
      nextLoopId,
      recording,
      rounds: JSON.stringify(rounds),
    };
  }
  const { db, server, loops } = world;
  const all = (sql: string) => db.prepare(sql).all();
  return {
    views,
    service: {
      solo: (await server.app.service.get(loops.solo.id))?.version,
      paired: (await server.app.service.get(loops.paired.id))?.version,
    },
    store: {
      loops: all('SELECT id, mode, status, version FROM loops ORDER BY id'),
      events: all(
        'SELECT loop_id, COUNT(*) AS n, MAX(version) AS v FROM events GROUP BY loop_id ORDER BY loop_id',
      ),
      commands: db.prepare('SELECT COUNT(*) AS n FROM commands').get(),
      recordings: db.prepare('SELECT COUNT(*) AS n FROM recordings').get(),
      tokens: all('SELECT loop_id, role, hash FROM tokens ORDER BY loop_id, role'),
    },
  };
}

export async function closeWorld() {
  for (const client of Object.values(world.clients)) client.socket.close();
  world.db.close();
  agent.destroy();
  await world.server.close();
  rmSync(world.dataDir, { recursive: true, force: true });
}
