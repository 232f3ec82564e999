import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { io as connect } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { LoopView } from '../../shared/src/loop/project';
import { PROTOCOL_VERSION } from '../../shared/src/protocol';
import { killHard, startServerProcess, type ServerProcess } from '../helpers/server-process';
import * as Y from 'yjs';
import { joinLoop, type TestSocket } from '../helpers/test-server';

const dirs: string[] = [];
const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map(killHard));
  dirs.forEach((d) => rmSync(d, { recursive: true, force: true }));
});
async function start(dataDir: string, port = 0) {
  const server = await startServerProcess({ DATA_DIR: dataDir, PORT: String(port) });
  running.push(server);
  return server;
}
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'mockloop-crash-'));
  dirs.push(dir);
  return dir;
};
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
const viewOf = async (url: string, id: string, token: string) =>
  (await request(url).get(`/api/loops/${id}`).set('Authorization', `Bearer ${token}`).expect(200))
    .body as LoopView;

describe('crash safety', () => {
  it('SIGKILL during a typing burst loses no acknowledged update or command; a resent update applies once', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const notes = { kind: 'notes', round: 0 } as const;
    const loops: {
      id: string;
      token: string;
      socket: TestSocket;
      doc: Y.Doc;
      acked: number[];
      maxVersion: number;
    }[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await request(first.url)
        .post('/api/loops')
        .send({ mode: 'solo', rounds: [{ id: 'screen' }] })
        .expect(201);
      const { socket } = await joinLoop(first.url, res.body.id, res.body.tokens.candidate);
      await socket.emitWithAck('round:start', { commandId: `start-${i}-xxxx`, round: 0 });
      const doc = new Y.Doc();
      const opened = await socket.emitWithAck('doc:sync', {
        doc: notes,
        stateVector: Y.encodeStateVector(doc),
      });
      if (!opened.ok) throw new Error(opened.error.message);
      Y.applyUpdate(doc, new Uint8Array(opened.data.update));
      loops.push({
        id: res.body.id,
        token: res.body.tokens.candidate,
        socket,
        doc,
        acked: [],
        maxVersion: 0,
      });
    }
    // Every loop types one mark per update as fast as acks return, pausing and resuming its
    // clock now and then; the server is killed mid-burst.
    let stop = false;
    const writers = loops.map(async (loop, l) => {
      const text = loop.doc.getText('text');
      for (let seq = 1; !stop && seq < 10_000; seq++) {
        if (seq % 7 === 0) {
          const command = seq % 14 === 0 ? 'timer:resume' : 'timer:pause';
          const ack = await loop.socket
            .timeout(2_000)
            .emitWithAck(command, { commandId: `burst-${l}-${seq}`, round: 0 })
            .catch(() => null);
          if (!ack) return;
          if (ack.ok) loop.maxVersion = Math.max(loop.maxVersion, ack.data.version);
          continue;
        }
        const before = Y.encodeStateVector(loop.doc);
        text.insert(text.length, `${seq};`);
        const update = Y.encodeStateAsUpdate(loop.doc, before);
        for (;;) {
          const ack = await loop.socket
            .timeout(2_000)
            .emitWithAck('doc:edit', { doc: notes, update })
            .catch(() => null);
          if (!ack) return;
          if (ack.ok) {
            loop.acked.push(seq);
            break;
          }
          if (ack.error.code !== 'rate-limited') throw new Error(ack.error.message);
          await new Promise((r) => setTimeout(r, 50));
        }
      }
    });
    await new Promise((r) => setTimeout(r, 1_500));
    await killHard(first);
    stop = true;
    await Promise.all(writers);
    loops.forEach((l) => l.socket.disconnect());
    expect(loops.reduce((n, l) => n + l.acked.length, 0)).toBeGreaterThan(50);
    expect(loops.every((l) => l.maxVersion > 0)).toBe(true);

    const second = await start(dataDir);
    for (const loop of loops) {
      const view = await viewOf(second.url, loop.id, loop.token);
      // Everything acknowledged is there, in order; at most updates stored but not yet
      // acked come on top.
      expect(view.version).toBeGreaterThanOrEqual(loop.maxVersion);
      const typed = loop.acked.map((seq) => `${seq};`).join('');
      expect(view.rounds[0]!.notes.startsWith(typed)).toBe(true);
      expect(view.rounds[0]!.status).toBe('in-progress');
    }
    // The client resends everything it typed, as after a reconnect: each mark lands once.
    const loop = loops[0]!;
    const { socket } = await joinLoop(second.url, loop.id, loop.token);
    const resent = await socket.emitWithAck('doc:edit', {
      doc: notes,
      update: Y.encodeStateAsUpdate(loop.doc),
    });
    expect(resent.ok).toBe(true);
    socket.disconnect();
    const view = await viewOf(second.url, loop.id, loop.token);
    expect(view.rounds[0]!.notes).toBe(loop.doc.getText('text').toString());
    const marks = view.rounds[0]!.notes.split(';').filter(Boolean);
    expect(new Set(marks).size).toBe(marks.length);
    await killHard(second);
  });

  it('clients reconnect by themselves after a server restart and carry on', async () => {
    const dataDir = tempDir();
    const port = await freePort();
    const first = await start(dataDir, port);
    const res = await request(first.url)
      .post('/api/loops')
      .send({ mode: 'solo', rounds: [{ id: 'coding' }] })
      .expect(201);
    const socket: TestSocket = connect(first.url, {
      auth: { loopId: res.body.id, token: res.body.tokens.candidate, protocol: PROTOCOL_VERSION },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 500,
    });
    const views: LoopView[] = [];
    socket.on('loop:updated', (view) => views.push(view));
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    expect(
      (await socket.emitWithAck('round:start', { commandId: 'before-crash', round: 0 })).ok,
    ).toBe(true);

    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    await killHard(first);
    await disconnected;
    const reconnected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    const second = await start(dataDir, port);
    await reconnected;
    const ack = await socket
      .timeout(5_000)
      .emitWithAck('timer:pause', { commandId: 'after-crash', round: 0 });
    expect(ack.ok).toBe(true);
    await expect.poll(() => views.at(-1)?.rounds[0]!.clock.kind).toBe('paused');
    socket.disconnect();
    await killHard(second);
  });

  it('a code edit acknowledged just before the loop ends and the server dies is in the review', async () => {
    const dataDir = tempDir();
    const first = await start(dataDir);
    const created = await request(first.url)
      .post('/api/loops')
      .send({ mode: 'solo', rounds: [{ id: 'coding' }] })
      .expect(201);
    const { id, tokens } = created.body as { id: string; tokens: { candidate: string } };
    const { socket, views } = await joinLoop(first.url, id, tokens.candidate);
    const questionId = views[0]!.rounds[0]!.question.id;
    expect(
      (await socket.emitWithAck('round:start', { commandId: 'code-start', round: 0 })).ok,
    ).toBe(true);
    // The candidate's editor: catch up with the starter code, then type.
    const doc = new Y.Doc();
    const code = { kind: 'code', round: 0, questionId } as const;
    const sync = await socket.emitWithAck('doc:sync', {
      doc: code,
      stateVector: Y.encodeStateVector(doc),
    });
    if (!sync.ok) throw new Error(sync.error.message);
    Y.applyUpdate(doc, new Uint8Array(sync.data.update));
    const before = Y.encodeStateVector(doc);
    doc.getText('code').insert(0, '# typed just before the end\n');
    const update = Y.encodeStateAsUpdate(doc, before);
    expect((await socket.emitWithAck('doc:edit', { doc: code, update })).ok).toBe(true);
    expect((await socket.emitWithAck('loop:end', { commandId: 'code-end' })).ok).toBe(true);
    // Killed well within the second the server waits before saving typed code into the log.
    await killHard(first);
    socket.disconnect();

    const second = await start(dataDir);
    const expected = doc.getText('code').toString();
    const view = await viewOf(second.url, id, tokens.candidate);
    expect(view.status).toBe('ended');
    expect(view.rounds[0]!.code?.text).toBe(expected);
    const markdown = await request(second.url)
      .get(`/api/loops/${id}/report.md`)
      .set('Authorization', `Bearer ${tokens.candidate}`)
      .expect(200);
    expect(markdown.text).toContain('# typed just before the end');
    await killHard(second);
  });
});
