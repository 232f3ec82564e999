/**
 * A document nobody has used for ten minutes is written into the log, compacted to one
 * stored update and dropped from memory; opening it again brings back the same text, and
 * typing goes on.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { EVICT_AFTER_IDLE_MS } from '../../server/src/workspaces/docs';
import { DocEditor } from '../helpers/docs';
import { FakeClock } from '../helpers/fake-clock';
import { commandIds, PairedClient } from '../helpers/paired';
import { startTestServer, type TestServer } from '../helpers/test-server';

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));
const cid = commandIds('idle-cmd');

describe('an idle document', () => {
  it('is saved into the log, compacted and dropped; it opens again as it was', async () => {
    const clock = new FakeClock(Date.now());
    const server = await startTestServer({ clock });
    servers.push(server);
    const client = new PairedClient(() => server.url);
    const loop = await client.createLoop('solo', [{ id: 'screen', minutes: 60 }]);
    const me = await client.join('candidate', loop.id, loop.tokens.candidate!);
    expect((await me.emit('round:start', { commandId: cid(), round: 0 })).ok).toBe(true);
    const { docs, service } = server.app;
    const stored = async () =>
      (await server.store.workspaces.docUpdates(loop.id, 'notes:0')).length;

    const notes = await new DocEditor(me.socket, { kind: 'notes', round: 0 }).join();
    await notes.set('');
    for (const word of ['latency ', 'budget ', 'is ', '100 ms']) await notes.append(word);
    expect(docs.held).toBe(1);
    expect(await stored()).toBeGreaterThan(4);

    // Used a moment ago: kept.
    await clock.advance(EVICT_AFTER_IDLE_MS - 1_000);
    await docs.evictIdle();
    expect(docs.held).toBe(1);
    expect((await service.get(loop.id))!.rounds[0]!.notes).not.toBe('latency budget is 100 ms');

    // Idle for ten minutes: written into the log, merged into one update, dropped.
    await clock.advance(1_000);
    await docs.evictIdle();
    expect(docs.held).toBe(0);
    expect((await service.get(loop.id))!.rounds[0]!.notes).toBe('latency budget is 100 ms');
    expect(await stored()).toBe(1);

    // Opened again: the same text, and typing carries on from it.
    const again = await new DocEditor(me.socket, { kind: 'notes', round: 0 }).join();
    expect(again.textOf().toString()).toBe('latency budget is 100 ms');
    expect((await again.append(' at p99')).ok).toBe(true);
    await notes.sync();
    expect(notes.textOf().toString()).toBe('latency budget is 100 ms at p99');
    notes.close();
    again.close();
    me.close();
  });
});
