/**
 * What both stores decide about a recording's chunks, from what they read: whether a chunk
 * sent is the next one, a repeat of the last or out of order, whether the loop has room for
 * it, and which bytes of which chunks make up a range of the audio. Pure.
 */
import type { Recording } from '@mockloop/shared/recording-api';
import type { ByteRange, ChunkAppend } from './store';

/** What to do with a chunk sent: append it, compare it with the last one, or refuse it. */
export type ChunkStep =
  | { kind: 'append' }
  | { kind: 'compare-last' }
  | Extract<ChunkAppend, { kind: 'out-of-order' | 'full' | 'not-found' }>;

/**
 * The step for chunk `seq` of `size` bytes, given the recording as stored, the bytes the
 * loop's recordings hold and their cap.
 */
export function chunkStep(
  recording: Recording | null,
  seq: number,
  size: number,
  loopBytes: number,
  capBytes: number,
): ChunkStep {
  if (!recording) return { kind: 'not-found' };
  if (seq === recording.chunks - 1) return { kind: 'compare-last' };
  if (seq !== recording.chunks) return { kind: 'out-of-order', expected: recording.chunks };
  if (loopBytes + size > capBytes) return { kind: 'full', used: loopBytes };
  return { kind: 'append' };
}

/** The answer to a repeat of the last chunk: acknowledged when its bytes are the same. */
export function repeatOf(recording: Recording, stored: Uint8Array, sent: Uint8Array): ChunkAppend {
  return Buffer.from(stored).equals(Buffer.from(sent))
    ? { kind: 'repeated', recording }
    : { kind: 'changed' };
}

/** The recording once a chunk of `size` bytes is appended. */
export const grown = (recording: Recording, size: number): Recording => ({
  ...recording,
  bytes: recording.bytes + size,
  chunks: recording.chunks + 1,
});

/** Where a stored chunk lies in its recording's audio. */
export interface ChunkSpan {
  seq: number;
  /** Its first byte's position in the audio. */
  offset: number;
  size: number;
}

/** The whole audio of a recording of `bytes` bytes, as a range. */
export const wholeRecording = (bytes: number): ByteRange => ({ start: 0, end: bytes - 1 });

/**
 * The bytes of `range`, chunk by chunk: `spans` are the chunks that overlap it, in order,
 * and `read` gives a chunk's bytes (null once it is gone: the recording was deleted).
 */
export async function* sliceChunks(
  spans: readonly ChunkSpan[],
  range: ByteRange,
  read: (seq: number) => Promise<Uint8Array | null> | Uint8Array | null,
): AsyncGenerator<Uint8Array> {
  for (const span of spans) {
    const data = await read(span.seq);
    if (!data) throw new Error(`chunk ${span.seq} of the recording is gone`);
    const from = Math.max(0, range.start - span.offset);
    const to = Math.min(span.size, range.end - span.offset + 1);
    if (to > from) yield data.subarray(from, to);
  }
}
