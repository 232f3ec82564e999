/**
 * Recording a loop's answers over REST, on a real server on SQLite and on PostgreSQL:
 * nothing is taken before everyone needed agreed (both partners in a pair, the candidate
 * alone), a withdrawal stops it at once, the observer neither agrees nor records, chunks
 * come in order, one at most 512 KB and a loop's recordings within their cap, the audio
 * comes back as it was sent, and a deleted recording is gone, from the database too.
 */
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../shared/src/loop/state';
import { RECORDING_CHUNK_MAX_BYTES, type Recording } from '../../shared/src/recording-api';
import { commandIds, PairedClient, type Peer } from '../helpers/paired';
import {
  audioBytes as bytes,
  recordingBackends,
  type InspectedStore,
} from '../helpers/recording-backends';
import {
  startTestServer,
  TEST_LIMITS,
  TEST_RATE_LIMITS,
  type TestServer,
} from '../helpers/test-server';

const MB = 1024 * 1024;
const cid = commandIds('recording-cmd');

/** Reads a response's body as bytes, whatever its type. */
const binary: Parameters<request.Test['parse']>[0] = (res, done) => {
  const parts: Buffer[] = [];
  res.on('data', (part: Buffer) => parts.push(part));
  res.on('end', () => done(null, Buffer.concat(parts)));
};

/** The REST calls of one role of a loop. */
function as(url: string, loopId: string, token: string) {
  const auth = (r: request.Test) => r.set('Authorization', `Bearer ${token}`);
  const base = `/api/loops/${loopId}/recordings`;
  return {
    start: (body: object = {}) =>
      auth(
        request(url)
          .post(base)
          .send({ round: 0, startedAt: Date.now(), mimeType: 'audio/webm;codecs=opus', ...body }),
      ),
    chunk: (id: string, seq: number | string, data: Buffer, type = 'application/octet-stream') =>
      auth(request(url).put(`${base}/${id}/chunks/${seq}`).set('Content-Type', type).send(data)),
    list: () => auth(request(url).get(base)),
    audio: (id: string, query = '') =>
      auth(request(url).get(`${base}/${id}/audio${query}`))
        .buffer(true)
        .parse(binary),
    remove: (id: string) => auth(request(url).delete(`${base}/${id}`)),
  };
}

describe.each(recordingBackends())('recordings over REST on $name', (backend) => {
  let server: TestServer;
  let inspected: InspectedStore;
  const client = new PairedClient(() => server.url);
  const peers: Peer[] = [];
  beforeAll(async () => {
    inspected = await backend.open();
    server = await startTestServer({
      store: inspected.store,
      limits: { ...TEST_LIMITS, quotas: { ...TEST_LIMITS.quotas, recordingBytes: MB } },
    });
  });
  afterAll(async () => {
    peers.splice(0).forEach((peer) => peer.close());
    await server.close();
    await inspected.drop();
  });

  /** A paired loop with each role's REST calls and socket. */
  async function pairedLoop() {
    const loop = await client.createPaired([{ id: 'screen' }]);
    const { interviewer, candidate, observer, all } = await client.joinAll(loop);
    peers.push(...all);
    const rest = (role: Role) => as(server.url, loop.id, loop.tokens[role]);
    const say = async (peer: Peer, event: 'recording:agree' | 'recording:withdraw') =>
      peer.emit(event, { commandId: cid() });
    return { loop, interviewer, candidate, observer, rest, say };
  }

  /** A paired loop in which both partners agreed, and a recording the candidate started. */
  async function recordingLoop() {
    const paired = await pairedLoop();
    expect((await paired.say(paired.candidate, 'recording:agree')).ok).toBe(true);
    expect((await paired.say(paired.interviewer, 'recording:agree')).ok).toBe(true);
    const started = await paired.rest('candidate').start().expect(201);
    return { ...paired, recording: started.body.recording as Recording };
  }

  it('takes nothing in a pair before both partners agreed, then records', async () => {
    const { loop, candidate, interviewer, observer, rest, say } = await pairedLoop();
    const refused = await rest('candidate').start().expect(409);
    expect(refused.body.error).toEqual({
      code: 'conflict',
      message: 'recording is off until the candidate and the interviewer agree to it',
    });

    expect((await say(candidate, 'recording:agree')).ok).toBe(true);
    const half = await rest('interviewer').start().expect(409);
    expect(half.body.error.message).toBe('recording is off until the interviewer agrees to it');
    // Every screen, the observer's included, shows who agreed and that it is still off.
    for (const peer of [candidate, interviewer, observer]) {
      await peer.flush();
      expect(peer.latest.recording).toEqual({
        agreed: ['candidate'],
        needed: ['candidate', 'interviewer'],
        on: false,
      });
    }

    expect((await say(interviewer, 'recording:agree')).ok).toBe(true);
    await observer.flush();
    expect(observer.latest.recording.on).toBe(true);
    const started = await rest('interviewer').start({ round: 0 }).expect(201);
    const recording = started.body.recording as Recording;
    expect(recording).toMatchObject({
      loopId: loop.id,
      role: 'interviewer',
      round: 0,
      mimeType: 'audio/webm;codecs=opus',
      bytes: 0,
      chunks: 0,
    });
    expect(recording.id).toMatch(/^[A-Za-z0-9_-]{22}$/);
    const stored = await rest('interviewer').chunk(recording.id, 0, bytes(300, 1)).expect(200);
    expect(stored.body.recording).toMatchObject({ bytes: 300, chunks: 1 });
  });

  it('stops taking chunks the moment either partner withdraws, and when the loop ends', async () => {
    const { candidate, interviewer, rest, say, recording } = await recordingLoop();
    const me = rest('candidate');
    await me.chunk(recording.id, 0, bytes(100, 1)).expect(200);

    expect((await say(interviewer, 'recording:withdraw')).ok).toBe(true);
    const stopped = await me.chunk(recording.id, 1, bytes(100, 2)).expect(409);
    expect(stopped.body.error.message).toBe('recording is off until the interviewer agrees to it');
    await rest('interviewer').start().expect(409);

    expect((await say(interviewer, 'recording:agree')).ok).toBe(true);
    await me.chunk(recording.id, 1, bytes(100, 2)).expect(200);
    expect((await say(candidate, 'recording:withdraw')).ok).toBe(true);
    await me.chunk(recording.id, 2, bytes(100, 3)).expect(409);

    expect((await say(candidate, 'recording:agree')).ok).toBe(true);
    expect((await interviewer.emit('loop:end', { commandId: cid() })).ok).toBe(true);
    const ended = await me.chunk(recording.id, 2, bytes(100, 3)).expect(409);
    expect(ended.body.error.message).toMatch(/^this loop has ended/);
    // What was taken before is kept, and can still be played.
    expect((await me.audio(recording.id).expect(200)).body).toEqual(
      Buffer.concat([bytes(100, 1), bytes(100, 2)]),
    );
  });

  it('records a solo loop once the candidate alone agreed', async () => {
    const created = await client.createLoop('solo', [{ id: 'screen' }]);
    const token = created.tokens.candidate!;
    const me = as(server.url, created.id, token);
    await me.start().expect(409);
    const peer = await client.join('candidate', created.id, token);
    peers.push(peer);
    expect((await peer.emit('recording:agree', { commandId: cid() })).ok).toBe(true);
    expect((await peer.sync()).recording).toEqual({
      agreed: ['candidate'],
      needed: ['candidate'],
      on: true,
    });
    const { body } = await me.start().expect(201);
    await me.chunk(body.recording.id, 0, bytes(10, 1)).expect(200);
  });

  it('lets the observer neither agree nor record nor delete, only list and listen', async () => {
    const { observer, rest, recording } = await recordingLoop();
    for (const event of ['recording:agree', 'recording:withdraw'])
      expect(await observer.emit(event, { commandId: cid() })).toMatchObject({
        ok: false,
        error: { code: 'forbidden' },
      });
    const watcher = rest('observer');
    expect((await watcher.start().expect(403)).body.error.message).toBe(
      'the observer may not record',
    );
    await watcher.chunk(recording.id, 0, bytes(10, 1)).expect(403);
    await watcher.remove(recording.id).expect(403);
    await rest('candidate').chunk(recording.id, 0, bytes(10, 1)).expect(200);
    expect((await watcher.list().expect(200)).body.recordings).toHaveLength(1);
    expect((await watcher.audio(recording.id).expect(200)).body).toEqual(bytes(10, 1));
  });

  it('takes chunks in order, from the role that started the recording, for a round the loop has', async () => {
    const { rest, recording } = await recordingLoop();
    const me = rest('candidate');
    const skipped = await me.chunk(recording.id, 1, bytes(10, 1)).expect(409);
    expect(skipped.body.error.message).toBe(
      'chunk 1 is not the next of this recording: send chunk 0',
    );
    await me.chunk(recording.id, 0, bytes(10, 1)).expect(200);
    // A retry of the last chunk is acknowledged and stores nothing more; other bytes are not.
    const again = await me.chunk(recording.id, 0, bytes(10, 1)).expect(200);
    expect(again.body.recording).toMatchObject({ bytes: 10, chunks: 1 });
    await me.chunk(recording.id, 0, bytes(10, 2)).expect(409);
    await me.chunk(recording.id, 2, bytes(10, 2)).expect(409);
    for (const seq of ['-1', '01', '1.5', 'x'])
      await me.chunk(recording.id, seq, bytes(10, 1)).expect(400);
    await me.chunk(recording.id, 1, Buffer.alloc(0)).expect(400);
    await me.chunk(recording.id, 1, bytes(10, 1), 'text/plain').expect(400);
    await me.chunk(recording.id, 1, bytes(10, 1), 'audio/webm').expect(200);

    const theirs = await rest('interviewer').chunk(recording.id, 2, bytes(10, 1)).expect(403);
    expect(theirs.body.error.message).toBe(
      'only the candidate, who started it, adds to this recording',
    );
    expect((await me.start({ round: 1 }).expect(404)).body.error.message).toBe(
      'this loop has no round 2',
    );
    for (const body of [
      { mimeType: 'audio/wav' },
      { startedAt: Number.MAX_VALUE },
      { startedAt: Date.now() + 3 * 60 * 60_000 },
      { role: 'interviewer' },
    ])
      await me.start(body).expect(400);
  });

  it('refuses a chunk over 512 KB with a 413, and takes one of exactly 512 KB', async () => {
    const { rest, recording } = await recordingLoop();
    const me = rest('candidate');
    const over = await me
      .chunk(recording.id, 0, bytes(RECORDING_CHUNK_MAX_BYTES + 1, 1))
      .expect(413);
    expect(over.body.error).toEqual({
      code: 'too-large',
      message: 'a chunk of a recording is at most 512 KB: send shorter chunks',
    });
    await me.chunk(recording.id, 0, bytes(RECORDING_CHUNK_MAX_BYTES, 1)).expect(200);
  });

  it("refuses a chunk past the loop's recording cap, whoever recorded, and frees room on delete", async () => {
    const { rest, recording } = await recordingLoop();
    const theirs = (await rest('interviewer').start().expect(201)).body.recording as Recording;
    const half = RECORDING_CHUNK_MAX_BYTES;
    await rest('candidate').chunk(recording.id, 0, bytes(half, 1)).expect(200);
    await rest('interviewer').chunk(theirs.id, 0, bytes(half, 2)).expect(200);
    const full = await rest('candidate').chunk(recording.id, 1, bytes(1, 3)).expect(507);
    expect(full.body.error.code).toBe('storage-full');
    expect(full.body.error.message).toMatch(
      /^this loop's recordings have used their 1 MB \(MAX_RECORDING_MB_PER_LOOP\): what was recorded is kept/,
    );
    await rest('candidate').remove(theirs.id).expect(204);
    await rest('candidate').chunk(recording.id, 1, bytes(1, 3)).expect(200);
  });

  it('gives the audio back as the chunks were sent, to play or to download, whole or by range', async () => {
    const { loop, rest, recording } = await recordingLoop();
    const me = rest('candidate');
    const chunks = [bytes(40_000, 1), bytes(7, 2), bytes(100_000, 3)];
    for (const [seq, chunk] of chunks.entries())
      await me.chunk(recording.id, seq, chunk).expect(200);
    const audio = Buffer.concat(chunks);

    const played = await rest('interviewer').audio(recording.id).expect(200);
    expect(played.body).toEqual(audio);
    expect(played.headers['content-type']).toBe('audio/webm;codecs=opus');
    expect(played.headers['content-length']).toBe(String(audio.length));
    expect(played.headers['accept-ranges']).toBe('bytes');
    expect(played.headers['content-disposition']).toBe('inline');

    const saved = await me.audio(recording.id, '?download=1').expect(200);
    expect(saved.headers['content-disposition']).toBe(
      `attachment; filename="mockloop-${loop.id}-round-1-candidate-${recording.id}.webm"`,
    );
    expect(saved.body).toEqual(audio);

    const part = await me.audio(recording.id).set('Range', 'bytes=39990-40020').expect(206);
    expect(part.headers['content-range']).toBe(`bytes 39990-40020/${audio.length}`);
    expect(part.body).toEqual(audio.subarray(39990, 40021));
    const tail = await me.audio(recording.id).set('Range', 'bytes=-5').expect(206);
    expect(tail.body).toEqual(audio.subarray(-5));

    // A page plays what it fetched with the token from a blob: the policy lets it.
    expect(played.headers['content-security-policy']).toContain("media-src 'self' blob:");

    const listed = await me.list().expect(200);
    expect(listed.body.recordings).toEqual([{ ...recording, bytes: audio.length, chunks: 3 }]);
  });

  it('deletes a recording for good: either partner may, and it is gone from the database', async () => {
    const { rest, recording } = await recordingLoop();
    await rest('candidate').chunk(recording.id, 0, bytes(1000, 1)).expect(200);
    expect(await inspected.rowsOf(recording.id)).toEqual({ recordings: 1, chunks: 1 });

    // The interviewer takes back the candidate's recording as well as their own.
    await rest('interviewer').remove(recording.id).expect(204);
    expect((await rest('candidate').list().expect(200)).body.recordings).toEqual([]);
    expect(await inspected.rowsOf(recording.id)).toEqual({ recordings: 0, chunks: 0 });
    await rest('candidate').audio(recording.id).expect(404);
    await rest('candidate').remove(recording.id).expect(404);
    await rest('candidate').chunk(recording.id, 1, bytes(10, 1)).expect(404);
  });

  it("answers a bad token, another loop's recording and a malformed id as it answers a loop", async () => {
    const { loop, rest, recording } = await recordingLoop();
    const other = await recordingLoop();
    const base = `/api/loops/${loop.id}/recordings`;
    await request(server.url).get(base).expect(401);
    await request(server.url).get(base).set('Authorization', 'Bearer wrong-token-000').expect(404);
    await request(server.url)
      .get(`/api/loops/${loop.id}/recordings`)
      .set('Authorization', `Bearer ${other.loop.tokens.candidate}`)
      .expect(404);
    // The other loop's recording, with this loop's token: not found here.
    const mine = rest('candidate');
    await mine.audio(other.recording.id).expect(404);
    await mine.remove(other.recording.id).expect(404);
    await mine.chunk(other.recording.id, 0, bytes(10, 1)).expect(404);
    for (const id of ['short', '..%2F..%2Fetc', `${recording.id}x`, 'A'.repeat(22)])
      await mine.audio(id).expect(404);
    expect((await other.rest('candidate').list().expect(200)).body.recordings).toHaveLength(1);
  });
});

describe('chunks per address', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({
      rateLimits: { ...TEST_RATE_LIMITS, recordingChunks: { perSecond: 0.001, burst: 2 } },
    });
  });
  afterAll(() => server.close());

  it('are rate-limited over time with a token bucket: past its burst, 429 and Retry-After', async () => {
    const client = new PairedClient(() => server.url);
    const created = await client.createLoop('solo', [{ id: 'screen' }]);
    const peer = await client.join('candidate', created.id, created.tokens.candidate!);
    expect((await peer.emit('recording:agree', { commandId: cid() })).ok).toBe(true);
    const me = as(server.url, created.id, created.tokens.candidate!);
    const { body } = await me.start().expect(201);
    await me.chunk(body.recording.id, 0, bytes(10, 1)).expect(200);
    await me.chunk(body.recording.id, 1, bytes(10, 1)).expect(200);
    const limited = await me.chunk(body.recording.id, 2, bytes(10, 1)).expect(429);
    expect(limited.headers['retry-after']).toBe('5');
    expect(limited.body.error.code).toBe('rate-limited');
    // Other requests of the address are not counted in it.
    await me.list().expect(200);
    peer.close();
  });
});
