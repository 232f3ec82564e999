/**
 * mockloop as two nodes sharing PostgreSQL and Redis. First as real processes behind a
 * load balancer: the interviewer on node A, the candidate on node B, a round between them,
 * then node A killed mid-round. Then in-process, on a clock the test moves: both nodes
 * hold the loop, both timers fire at the same instant, and the phase ends once.
 */
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { createClient } from 'redis';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../server/src/app';
import { connectRedisCluster } from '../../server/src/cluster/redis-cluster';
import type { Ack } from '../../shared/src/errors';
import { silentLogger } from '../../server/src/log';
import { openPostgresStore } from '../../server/src/store/postgres-store';
import type { LoopEvent } from '../../shared/src/loop/events';
import { starterFor } from '../../shared/src/code';
import { MINUTE_MS } from '../../shared/src/timer';
import { startBalancer } from '../helpers/balancer';
import { catalog } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';
import { Editor } from '../helpers/code-editor';
import { DocEditor, writeNotes, writePrivateNotes } from '../helpers/docs';
import { card, commandIds, Peer, questionOf, until, versionOf } from '../helpers/paired';
import { killHard, startServerProcess, type ServerProcess } from '../helpers/server-process';
import { freshDatabase, hasPostgres, hasRedis, TEST_REDIS_URL } from '../helpers/services';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

const cid = commandIds('two-nodes');

/** Sends a command and returns the version it produced. */
async function command(peer: Peer, event: string, payload: Record<string, unknown>) {
  return versionOf((await peer.emit(event, payload)) as Ack<{ version: number }>);
}
const portOf = (url: string) => Number(new URL(url).port);

/** The loop's event log as stored, read straight from the database. */
async function storedEvents(url: string, loopId: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ version: number; payload: string }>(
      'SELECT version, payload FROM events WHERE loop_id = $1 ORDER BY version',
      [loopId],
    );
    return rows.map((row) => ({
      version: row.version,
      event: JSON.parse(row.payload) as LoopEvent,
    }));
  } finally {
    await client.end();
  }
}

/** Round and phase each phase change led to; a phase that ended twice shows up twice. */
function phasesEnded(events: { event: LoopEvent }[]): string[] {
  return events.flatMap(({ event }) =>
    event.type === 'phase.advanced'
      ? [`${event.round}:${'phase' in event.clock ? event.clock.phase : event.clock.kind}`]
      : [],
  );
}

/**
 * Two nodes in this process, on one new database and the test Redis, sharing a clock the
 * test moves; a socket of each can be opened on either.
 */
async function inProcessNodes(clock: FakeClock) {
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const startNode = async (): Promise<{ app: App; url: string }> => {
    const store = await openPostgresStore({ url: database.url });
    const cluster = await connectRedisCluster({ url: TEST_REDIS_URL, log: silentLogger });
    const app = createApp({ catalog, store, clock, log: silentLogger, cluster });
    cleanups.push(async () => {
      await app.close();
      await cluster.close();
    });
    await app.resume();
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    const { port } = app.httpServer.address() as AddressInfo;
    return { app, url: `http://127.0.0.1:${port}` };
  };
  return { a: await startNode(), b: await startNode(), database };
}

/** A paired loop of one round created on node A, the interviewer on A, the candidate on B. */
async function pairAcross(a: string, b: string, roundId: string) {
  const created = await request(a)
    .post('/api/loops')
    .send({ mode: 'paired', rounds: [{ id: roundId }] })
    .expect(201);
  const { id, tokens } = created.body as { id: string; tokens: Record<string, string> };
  const interviewer = await Peer.join(a, 'interviewer', id, tokens.interviewer!);
  const candidate = await Peer.join(b, 'candidate', id, tokens.candidate!);
  cleanups.push(() => [interviewer.close(), candidate.close()]);
  return { id, tokens, interviewer, candidate };
}

/** Cuts every connection to Redis but the caller's, as a network blip would. */
async function redisBlip(): Promise<number> {
  const admin = createClient({ url: TEST_REDIS_URL });
  await admin.connect();
  const killed = await admin.sendCommand(['CLIENT', 'KILL', 'TYPE', 'normal', 'SKIPME', 'yes']);
  await admin.close();
  return Number(killed);
}

describe.skipIf(!(hasPostgres() && hasRedis()))('two nodes sharing PostgreSQL and Redis', () => {
  it('runs a round across nodes, and moves the interviewer to node B when node A dies', async () => {
    const database = await freshDatabase();
    cleanups.push(() => database.drop());
    const env = { DATABASE_URL: database.url, REDIS_URL: TEST_REDIS_URL };
    const nodes: ServerProcess[] = [];
    cleanups.push(() => Promise.all(nodes.map(killHard)));
    nodes.push(await startServerProcess(env), await startServerProcess(env));
    const [a, b] = nodes as [ServerProcess, ServerProcess];
    expect(a.output()).toContain('"store":"postgres","cluster":true');
    // The interviewer reaches the nodes through a balancer that prefers A; the candidate
    // talks to B directly.
    const balancer = await startBalancer([portOf(a.url), portOf(b.url)]);
    cleanups.push(() => balancer.close());

    const created = await request(a.url)
      .post('/api/loops')
      .send({ mode: 'paired', rounds: [{ id: 'screen' }] })
      .expect(201);
    const { id, tokens } = created.body as { id: string; tokens: Record<string, string> };
    const interviewer = await Peer.join(balancer.url, 'interviewer', id, tokens.interviewer!, {
      reconnect: true,
    });
    const candidate = await Peer.join(b.url, 'candidate', id, tokens.candidate!);
    cleanups.push(() => [interviewer.close(), candidate.close()]);
    // Each sees the other present, though they are on different nodes.
    const both = { candidate: true, interviewer: true, observer: false };
    await interviewer.presenceIs(both);
    await candidate.presenceIs(both);

    // The clock: started, paused, resumed and extended on A, seen on B.
    let version = await command(interviewer, 'round:start', { commandId: cid(), round: 0 });
    expect((await candidate.atVersion(version)).rounds[0]!.clock.kind).toBe('running');
    version = await command(interviewer, 'timer:pause', { commandId: cid(), round: 0 });
    expect((await candidate.atVersion(version)).rounds[0]!.clock.kind).toBe('paused');
    version = await command(interviewer, 'timer:resume', { commandId: cid(), round: 0 });
    const resumed = (await candidate.atVersion(version)).rounds[0]!.clock;
    version = await command(interviewer, 'timer:extend', {
      commandId: cid(),
      round: 0,
      minutes: 2,
    });
    const extended = (await candidate.atVersion(version)).rounds[0]!.clock;
    expect(extended.kind === 'running' && resumed.kind === 'running').toBe(true);
    if (extended.kind === 'running' && resumed.kind === 'running')
      expect(extended.phaseEndsAt - resumed.phaseEndsAt).toBe(2 * MINUTE_MS);

    // Notes typed on B reach A at once; the interviewer's private notes stay on their side.
    // What the candidate's sockets hear of documents: this one, and a second tab on A.
    const secondTab = await Peer.join(a.url, 'candidate (second tab)', id, tokens.candidate!);
    const heard: string[] = [];
    for (const tab of [candidate, secondTab])
      tab.socket.on('doc:edited', ({ update }) =>
        heard.push(Buffer.from(update as Uint8Array).toString('utf8')),
      );
    const notesOnA = await new DocEditor(interviewer.socket, { kind: 'notes', round: 0 }).join();
    cleanups.push(() => notesOnA.close());
    expect((await writeNotes(candidate.socket, 0, 'clarify the metric')).ok).toBe(true);
    await until('the notes typed on B to reach A', () =>
      notesOnA.textOf().toString() === 'clarify the metric' ? true : undefined,
    );
    expect((await writePrivateNotes(interviewer.socket, 0, 'strong on offline metrics')).ok).toBe(
      true,
    );
    await Promise.all([candidate.flush(), secondTab.flush()]);
    secondTab.close();
    expect(heard.join('\n')).toContain('clarify the metric');
    expect(heard.join('\n')).not.toContain('strong on offline metrics');
    expect(JSON.stringify(candidate.views)).not.toContain('strong on offline metrics');

    // A hint and a follow-up pushed from A appear on B.
    version = await command(interviewer, 'hint:reveal', { commandId: cid(), round: 0, index: 0 });
    expect((await candidate.atVersion(version)).rounds[0]!.question.hints).toHaveLength(1);
    version = await command(interviewer, 'followup:push', { commandId: cid(), round: 0, index: 0 });
    const pushed = (await candidate.atVersion(version)).rounds[0]!.question.followUps;
    expect(pushed.filter((f) => f.pushedAt !== null)).toHaveLength(1);

    // The interviewer's score: B's candidate learns it was given, not what it says.
    const partnerCard = card('screen', 3, 'Clear framing, light on trade-offs');
    version = await command(interviewer, 'score:submit', {
      commandId: cid(),
      round: 0,
      card: partnerCard,
    });
    expect((await candidate.atVersion(version)).rounds[0]!.scores).toEqual({
      partner: { submitted: true, card: null },
    });
    const beforeKill = await interviewer.atVersion(version);

    // Node A dies mid-round. The interviewer's client reconnects through the balancer,
    // which now reaches only B, and gets the loop back whole.
    const seen = interviewer.views.length;
    await killHard(a);
    await until(
      'the interviewer back, on node B',
      () => interviewer.views.slice(seen).find((view) => view.version >= version),
      15_000,
    );
    // What was typed on A, stored but not yet written into the log, is written by B
    // before it shows the loop: the notes and the private notes as typed.
    const afterKill = await until('the notes written into the log on B', () =>
      interviewer.views.slice(seen).find((view) => view.rounds[0]!.privateNotes !== ''),
    );
    const lifecycle = (view: typeof afterKill) =>
      view.rounds.map(({ notes, privateNotes, ...rest }) => rest);
    expect(lifecycle(afterKill)).toEqual(lifecycle(beforeKill));
    expect(afterKill.rounds[0]!.notes).toBe('clarify the metric');
    expect(afterKill.rounds[0]!.privateNotes).toBe('strong on offline metrics');
    expect(afterKill.rounds[0]!.scores.partner?.card).toMatchObject(partnerCard);

    // The round goes on from B: the next phase, then both scores revealed to both.
    version = await command(interviewer, 'phase:next', { commandId: cid(), round: 0 });
    expect((await candidate.atVersion(version)).rounds[0]!.clock).toMatchObject({ phase: 1 });
    await command(interviewer, 'round:end', { commandId: cid(), round: 0 });
    version = await command(candidate, 'score:submit', {
      commandId: cid(),
      round: 0,
      card: card('screen', 2, 'I rushed the design'),
    });
    const revealed = await interviewer.atVersion(version);
    expect(revealed.rounds[0]!.scoresRevealed).toBe(true);
    expect(revealed.rounds[0]!.scores.self?.card?.justification).toBe('I rushed the design');

    // The log has every version once, and no phase ended twice.
    const events = await storedEvents(database.url, id);
    expect(events.map((e) => e.version)).toEqual(events.map((_, i) => i + 1));
    const ended = phasesEnded(events);
    expect(new Set(ended).size).toBe(ended.length);
  });

  it('ends a phase once, though both nodes hold the loop and both timers fire at once', async () => {
    const clock = new FakeClock(Date.now());
    const { a, b, database } = await inProcessNodes(clock);
    const { id, interviewer, candidate } = await pairAcross(a.url, b.url, 'screen');

    const started = await command(interviewer, 'round:start', { commandId: cid(), round: 0 });
    const view = await candidate.atVersion(started);
    // Each node holds the loop and has set its own timer for the end of the first phase.
    await until('a timer on each node', () => (clock.pending === 2 ? true : undefined));

    await clock.advance(view.rounds[0]!.phases[0]!.minutes * MINUTE_MS);
    const next = await candidate.atVersion(started + 1);
    expect(next.rounds[0]!.clock).toMatchObject({ kind: 'running', phase: 1 });
    await interviewer.flush();
    await candidate.flush();
    expect(candidate.latest.version).toBe(started + 1);
    const events = await storedEvents(database.url, id);
    expect(phasesEnded(events)).toEqual(['0:1']);
    expect(events).toHaveLength(started + 1);
    // Both nodes wait for the next phase's end now.
    await until('the next timers', () => (clock.pending === 2 ? true : undefined));
  });

  it("relays the call's signalling between partners on different nodes", async () => {
    const { a, b } = await inProcessNodes(new FakeClock(Date.now()));
    const { interviewer, candidate } = await pairAcross(a.url, b.url, 'screen');
    const joined: unknown[] = [];
    const left: unknown[] = [];
    const signals: unknown[] = [];
    interviewer.socket.on('call:joined', (event) => joined.push(event));
    interviewer.socket.on('call:left', (event) => left.push(event));
    candidate.socket.on('call:signal', (event) => signals.push(event));

    expect(await interviewer.emit('call:join', { session: 'across-a-1' })).toMatchObject({
      ok: true,
    });
    expect(await candidate.emit('call:join', { session: 'across-b-1' })).toMatchObject({
      ok: true,
    });
    await until('node A hears the join on node B', () => joined[0]);
    expect(joined).toEqual([{ role: 'candidate', session: 'across-b-1' }]);

    const offer = { kind: 'offer', sdp: 'v=0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n' };
    expect(
      await interviewer.emit('call:signal', {
        to: 'candidate',
        toSession: 'across-b-1',
        signal: offer,
      }),
    ).toMatchObject({ ok: true });
    await until('the offer reaches node B', () => signals[0]);
    expect(signals).toEqual([
      { from: 'interviewer', session: 'across-a-1', toSession: 'across-b-1', signal: offer },
    ]);

    candidate.close();
    await until('node A hears the tab on node B close', () => left[0]);
    expect(left).toEqual([{ role: 'candidate', session: 'across-b-1' }]);
  });
});

describe.skipIf(!(hasPostgres() && hasRedis()))('shared code across two nodes', () => {
  it('seeds the document once, merges edits from both nodes, and loses nothing in a Redis blip', async () => {
    const { a, b } = await inProcessNodes(new FakeClock(Date.now()));
    const { id, tokens, interviewer, candidate } = await pairAcross(a.url, b.url, 'coding');
    const question = questionOf(interviewer.latest, 0);
    await command(interviewer, 'round:start', { commandId: cid(), round: 0 });

    // Both nodes open the new document at the same moment: the starter code appears once.
    const onA = new Editor(interviewer, question.id);
    const onB = new Editor(candidate, question.id);
    await Promise.all([onA.join(), onB.join()]);
    const starter = starterFor(question, 'python');
    expect(onA.text.toString()).toBe(starter);
    expect(onB.text.toString()).toBe(starter);

    for (let i = 0; i < 10; i++) {
      onB.text.insert(onB.text.length, `# candidate ${i}\n`);
      onA.text.insert(0, `# interviewer ${i}\n`);
    }
    await Promise.all([onA.settled(), onB.settled()]);
    await until('both editors the same', () =>
      onA.text.toString() === onB.text.toString() ? true : undefined,
    );

    // Redis drops every connection; the nodes reconnect and the stream resumes.
    expect(await redisBlip()).toBeGreaterThanOrEqual(2);
    onB.text.insert(onB.text.length, '# after the blip\n');
    expect((await writeNotes(candidate.socket, 0, 'typed during the blip')).ok).toBe(true);
    await onB.settled();
    const notesOnA = await new DocEditor(interviewer.socket, { kind: 'notes', round: 0 }).join();
    cleanups.push(() => notesOnA.close());
    expect(notesOnA.textOf().toString()).toBe('typed during the blip');
    await until('the edit after the blip on node A', () =>
      onA.text.toString().includes('# after the blip') ? true : undefined,
    );

    // A late joiner on either node gets all of it: node A catches up from the store.
    const observer = await Peer.join(a.url, 'observer', id, tokens.observer!);
    cleanups.push(() => observer.close());
    const late = new Editor(observer, question.id);
    await late.join();
    expect(late.text.toString()).toBe(onB.text.toString());
    for (let i = 0; i < 10; i++) expect(late.text.toString()).toContain(`# candidate ${i}`);

    // A moment after typing stops, the text is saved into the loop for the review.
    await until(
      'the code saved into the loop',
      () => (interviewer.latest.rounds[0]!.code?.text === onB.text.toString() ? true : undefined),
      8000,
    );
  });
});
