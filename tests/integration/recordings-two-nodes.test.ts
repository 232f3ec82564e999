/**
 * Recording on two nodes sharing PostgreSQL and Redis: a withdrawal made on one node stops
 * the chunks sent to the other at once, even when the other has not heard of it, and a
 * recording made on one node is listed, played and deleted from the other.
 */
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/src/app';
import { connectRedisCluster, type ChangeFeed } from '../../server/src/cluster/redis-cluster';
import { systemClock } from '../../server/src/loops/clock';
import { silentLogger } from '../../server/src/log';
import { openPostgresStore } from '../../server/src/store/postgres-store';
import { catalog } from '../helpers/content';
import { commandIds, Peer } from '../helpers/paired';
import { audioBytes } from '../helpers/recording-backends';
import { freshDatabase, hasPostgres, hasRedis, TEST_REDIS_URL } from '../helpers/services';
import { TEST_LIMITS, TEST_RATE_LIMITS } from '../helpers/test-server';

const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});
const cid = commandIds('recording-nodes');

/**
 * Two nodes in this process on one new database and the test Redis. Node A hears nothing
 * the other announces on the change feed, as when it lags behind: what it holds of a loop
 * may be old, and only the store is up to date.
 */
async function twoNodes() {
  const database = await freshDatabase();
  cleanups.push(() => database.drop());
  const startNode = async (deaf: boolean) => {
    const store = await openPostgresStore({ url: database.url });
    const cluster = await connectRedisCluster({ url: TEST_REDIS_URL, log: silentLogger });
    const feed: ChangeFeed = deaf
      ? { publish: (change) => cluster.feed.publish(change), subscribe: () => undefined }
      : cluster.feed;
    const app = createApp({
      catalog,
      store,
      clock: systemClock,
      log: silentLogger,
      cluster: { adapter: cluster.adapter, feed },
      rateLimits: TEST_RATE_LIMITS,
      limits: TEST_LIMITS,
    });
    cleanups.push(async () => {
      await app.close();
      await cluster.close();
    });
    await app.resume();
    await new Promise<void>((resolve) => app.httpServer.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(app.httpServer.address() as AddressInfo).port}`;
  };
  return { a: await startNode(true), b: await startNode(false) };
}

describe.runIf(hasPostgres() && hasRedis())('recordings on two nodes', () => {
  it('takes no chunk on one node after a withdrawal on the other, and shares the recordings', async () => {
    const { a, b } = await twoNodes();
    const created = await request(a)
      .post('/api/loops')
      .send({ mode: 'paired', rounds: [{ id: 'screen' }] })
      .expect(201);
    const { id, tokens } = created.body as { id: string; tokens: Record<string, string> };
    // Node A holds the loop for the candidate; the interviewer speaks through node B.
    const candidate = await Peer.join(a, 'candidate', id, tokens.candidate!);
    const interviewer = await Peer.join(b, 'interviewer', id, tokens.interviewer!);
    cleanups.push(() => [candidate.close(), interviewer.close()]);
    const rest = (url: string, role: string) => {
      const auth = (r: request.Test) => r.set('Authorization', `Bearer ${tokens[role]}`);
      const base = `/api/loops/${id}/recordings`;
      return {
        start: () =>
          auth(request(url).post(base)).send({
            round: 0,
            startedAt: Date.now(),
            mimeType: 'audio/ogg; codecs=opus',
          }),
        chunk: (recordingId: string, seq: number) =>
          auth(request(url).put(`${base}/${recordingId}/chunks/${seq}`))
            .set('Content-Type', 'audio/ogg')
            .send(audioBytes(100, seq)),
        list: () => auth(request(url).get(base)),
        remove: (recordingId: string) => auth(request(url).delete(`${base}/${recordingId}`)),
      };
    };
    const onA = rest(a, 'candidate');

    expect((await candidate.emit('recording:agree', { commandId: cid() })).ok).toBe(true);
    expect((await interviewer.emit('recording:agree', { commandId: cid() })).ok).toBe(true);
    const { recording } = (await onA.start().expect(201)).body as { recording: { id: string } };
    await onA.chunk(recording.id, 0).expect(200);

    // Acknowledged on B once stored: the very next chunk on A is refused.
    expect((await interviewer.emit('recording:withdraw', { commandId: cid() })).ok).toBe(true);
    const refused = await onA.chunk(recording.id, 1).expect(409);
    expect(refused.body.error.message).toBe('recording is off until the interviewer agrees to it');

    expect((await interviewer.emit('recording:agree', { commandId: cid() })).ok).toBe(true);
    await onA.chunk(recording.id, 1).expect(200);

    const listed = await rest(b, 'observer').list().expect(200);
    expect(listed.body.recordings).toMatchObject([{ id: recording.id, bytes: 200, chunks: 2 }]);
    await rest(b, 'interviewer').remove(recording.id).expect(204);
    expect((await onA.list().expect(200)).body.recordings).toEqual([]);
  });
});
