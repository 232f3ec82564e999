/**
 * The recordings in the store, on SQLite and on PostgreSQL: chunks kept in order and read
 * back whole or by range, only the next chunk taken (a repeat of the last one acknowledged
 * when it is the same), a cap per loop that counts recordings alone, appends sent at once
 * taking turns, and a deleted recording gone from the database itself.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { Recording } from '../../shared/src/recording-api';
import { LoopService } from '../../server/src/loops/loop-service';
import { silentLogger } from '../../server/src/log';
import type { LoopStore } from '../../server/src/store/store';
import { content } from '../helpers/content';
import { FakeClock } from '../helpers/fake-clock';
import {
  audioBytes as bytes,
  recordingBackends,
  type InspectedStore,
} from '../helpers/recording-backends';

const opened: InspectedStore[] = [];
afterEach(async () => {
  for (const place of opened.splice(0)) await place.drop();
});

const T0 = Date.UTC(2026, 0, 5, 9);
const BIG = 1024 * 1024 * 1024;

/** A store with a paired loop in it. */
async function storeWithLoop(open: () => Promise<InspectedStore>) {
  const place = await open();
  opened.push(place);
  const service = new LoopService({
    store: place.store,
    content,
    clock: new FakeClock(T0),
    log: silentLogger,
  });
  const newLoop = async () => {
    const created = await service.create({ mode: 'paired', rounds: [{ id: 'screen' }] });
    if (!created.ok) throw new Error(created.error.message);
    return created.data.id;
  };
  return { ...place, loopId: await newLoop(), newLoop };
}

let ids = 0;
async function newRecording(store: LoopStore, loopId: string, extra: Partial<Recording> = {}) {
  const recording: Recording = {
    id: `rec-${++ids}-${randomBytes(6).toString('hex')}`.padEnd(22, 'x').slice(0, 22),
    loopId,
    role: 'candidate',
    round: 0,
    startedAt: T0 + 1000,
    mimeType: 'audio/webm;codecs=opus',
    bytes: 0,
    chunks: 0,
    createdAt: T0 + 2000 + ids,
    ...extra,
  };
  await store.recordings.createRecording(recording);
  return recording;
}

/** Every byte of an async stream of chunks, in one buffer. */
async function collect(stream: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(Buffer.from(part));
  return Buffer.concat(parts);
}

describe.each(recordingBackends())('recordings on $name', (backend) => {
  it('keeps chunks in order and reads them back whole, or any range across chunk borders', async () => {
    const { store, loopId } = await storeWithLoop(backend.open);
    const recording = await newRecording(store, loopId);
    const chunks = [bytes(1000, 1), bytes(1, 2), bytes(70_000, 3)];
    for (const [seq, chunk] of chunks.entries()) {
      const outcome = await store.recordings.appendRecordingChunk(
        loopId,
        recording.id,
        seq,
        chunk,
        BIG,
      );
      expect(outcome.kind).toBe('stored');
    }
    const audio = Buffer.concat(chunks);
    const stored = await store.recordings.recording(loopId, recording.id);
    expect(stored).toEqual({ ...recording, bytes: audio.length, chunks: 3 });
    expect(await store.recordings.recordings(loopId)).toEqual([stored]);

    expect(await collect(store.recordings.recordingAudio(loopId, recording.id))).toEqual(audio);
    for (const [start, end] of [
      [0, 0],
      [999, 1001],
      [1000, 1000],
      [500, 30_000],
      [1001, audio.length - 1],
      [audio.length - 1, audio.length - 1],
    ] as const) {
      const range = await collect(
        store.recordings.recordingAudio(loopId, recording.id, { start, end }),
      );
      expect(range, `${start}-${end}`).toEqual(audio.subarray(start, end + 1));
    }
  });

  it('takes only the next chunk, and the last one again only with the same bytes', async () => {
    const { store, loopId } = await storeWithLoop(backend.open);
    const { id } = await newRecording(store, loopId);
    const append = (seq: number, data: Buffer) =>
      store.recordings.appendRecordingChunk(loopId, id, seq, data, BIG);
    expect(await append(1, bytes(10, 1))).toEqual({ kind: 'out-of-order', expected: 0 });
    expect((await append(0, bytes(10, 1))).kind).toBe('stored');
    expect((await append(1, bytes(20, 2))).kind).toBe('stored');
    // The last chunk again, as a retry after a lost answer sends it: nothing is added.
    expect(await append(1, bytes(20, 2))).toMatchObject({
      kind: 'repeated',
      recording: { bytes: 30, chunks: 2 },
    });
    expect(await append(1, bytes(20, 9))).toEqual({ kind: 'changed' });
    expect(await append(0, bytes(10, 1))).toEqual({ kind: 'out-of-order', expected: 2 });
    expect(await append(5, bytes(10, 1))).toEqual({ kind: 'out-of-order', expected: 2 });
    expect(await collect(store.recordings.recordingAudio(loopId, id))).toEqual(
      Buffer.concat([bytes(10, 1), bytes(20, 2)]),
    );
    expect(
      await store.recordings.appendRecordingChunk(loopId, 'x'.repeat(22), 0, bytes(1, 1), BIG),
    ).toEqual({
      kind: 'not-found',
    });
  });

  it("caps a loop's recordings together, apart from the loop's own storage", async () => {
    const { store, loopId, newLoop } = await storeWithLoop(backend.open);
    const before = await store.loopBytes(loopId);
    const first = await newRecording(store, loopId);
    const second = await newRecording(store, loopId, { role: 'interviewer' });
    const cap = 100;
    const append = (id: string, seq: number, n: number, on = loopId) =>
      store.recordings.appendRecordingChunk(on, id, seq, bytes(n, seq), cap);
    expect((await append(first.id, 0, 60)).kind).toBe('stored');
    expect((await append(second.id, 0, 40)).kind).toBe('stored');
    expect(await append(second.id, 1, 1)).toEqual({ kind: 'full', used: 100 });
    expect(await store.recordings.recordingBytes(loopId)).toBe(100);
    // The loop's quota of typing and drawing does not count its recordings.
    expect(await store.loopBytes(loopId)).toBe(before);
    // Another loop has a cap of its own.
    const other = await newLoop();
    const theirs = await newRecording(store, other);
    expect((await append(theirs.id, 0, 100, other)).kind).toBe('stored');
  });

  it('lets appends sent at once take turns: one copy of a chunk, and the cap held', async () => {
    const { store, loopId } = await storeWithLoop(backend.open);
    const { id } = await newRecording(store, loopId);
    const same = await Promise.all(
      [0, 1, 2].map(() => store.recordings.appendRecordingChunk(loopId, id, 0, bytes(50, 5), BIG)),
    );
    expect(same.map((o) => o.kind).sort()).toEqual(['repeated', 'repeated', 'stored']);
    const racers = await Promise.all(
      [1, 2, 3, 4].map((i) => newRecording(store, loopId, { createdAt: T0 + 9000 + i })),
    );
    const outcomes = await Promise.all(
      racers.map((r) => store.recordings.appendRecordingChunk(loopId, r.id, 0, bytes(40, 1), 150)),
    );
    expect(outcomes.filter((o) => o.kind === 'stored')).toHaveLength(2);
    expect(await store.recordings.recordingBytes(loopId)).toBe(130);
  });

  it('finds, reads and deletes a recording only in its own loop', async () => {
    const { store, loopId, newLoop } = await storeWithLoop(backend.open);
    const other = await newLoop();
    const { id } = await newRecording(store, loopId);
    await store.recordings.appendRecordingChunk(loopId, id, 0, bytes(10, 1), BIG);
    expect(await store.recordings.recording(other, id)).toBeNull();
    expect(await store.recordings.recordings(other)).toEqual([]);
    expect(await collect(store.recordings.recordingAudio(other, id))).toHaveLength(0);
    expect(await store.recordings.deleteRecording(other, id)).toBe(false);
    expect(await store.recordings.recording(loopId, id)).not.toBeNull();
  });

  it('deletes a recording with its chunks from the database itself, and nothing else', async () => {
    const inspected = await storeWithLoop(backend.open);
    const { store, loopId } = inspected;
    const kept = await newRecording(store, loopId);
    const gone = await newRecording(store, loopId);
    // A pattern found nowhere else, to look for in the database's own file.
    const voice = Buffer.from('VOICE-OF-THE-CANDIDATE;'.repeat(6000));
    for (const seq of [0, 1]) {
      await store.recordings.appendRecordingChunk(loopId, gone.id, seq, voice, BIG);
      await store.recordings.appendRecordingChunk(loopId, kept.id, seq, bytes(100, seq), BIG);
    }
    expect(await inspected.rowsOf(gone.id)).toEqual({ recordings: 1, chunks: 2 });
    expect(inspected.fileBytes?.().includes('VOICE-OF-THE-CANDIDATE;')).not.toBe(false);

    expect(await store.recordings.deleteRecording(loopId, gone.id)).toBe(true);
    expect(await store.recordings.deleteRecording(loopId, gone.id)).toBe(false);
    expect(await inspected.rowsOf(gone.id)).toEqual({ recordings: 0, chunks: 0 });
    expect(await inspected.rowsOf(kept.id)).toEqual({ recordings: 1, chunks: 2 });
    expect((await store.recordings.recordings(loopId)).map((r) => r.id)).toEqual([kept.id]);
    expect(await store.recordings.recordingBytes(loopId)).toBe(200);
    // On SQLite the audio is written over before its pages are freed: not a trace in the file.
    if (inspected.fileBytes)
      expect(inspected.fileBytes().includes('VOICE-OF-THE-CANDIDATE;')).toBe(false);
  });
});
