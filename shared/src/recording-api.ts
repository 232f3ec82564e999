/**
 * The recordings themselves, as the REST API takes and gives them: what a recording is, the
 * schemas its requests pass before anything is stored, and the caps on them. Whether one
 * may be made at all is `recording.ts`'s rule.
 */
import { z } from 'zod';
import type { Role } from './loop/state';

/** The audio formats browsers record (MediaRecorder), each with optional codecs. */
export const RECORDING_MIME_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4'] as const;
const MIME_TYPE =
  /^audio\/(webm|ogg|mp4)(; ?codecs=("?)[a-z0-9.+-]{1,32}(, ?[a-z0-9.+-]{1,32})?\3)?$/i;
/** The file extension of each audio format, for downloads. */
const EXTENSIONS: Record<(typeof RECORDING_MIME_TYPES)[number], string> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/mp4': 'm4a',
};
/** Largest chunk of a recording accepted in one request. */
export const RECORDING_CHUNK_MAX_BYTES = 512 * 1024;
/** How far a recording's start may lie from the server's clock and the loop's creation. */
export const RECORDING_CLOCK_SKEW_MS = 60 * 60_000;

/** A recording's id: 128 random bits, base64url; checked before any store is asked. */
export const recordingIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);
/** The index of a chunk in its recording, as a path segment: 0, 1, 2, … */
export const chunkSeqSchema = z
  .string()
  .regex(/^(0|[1-9][0-9]{0,6})$/, 'must be a whole number: 0, 1, 2, …')
  .transform(Number);

/** Body of `POST /api/loops/:id/recordings`. */
export const createRecordingRequestSchema = z.strictObject({
  /** The round whose answer is recorded. */
  round: z.number().int().min(0).max(20),
  /** When the recording started, epoch ms on the recording browser's (synced) clock. */
  startedAt: z
    .number()
    .int()
    .min(Date.UTC(2020, 0, 1))
    .max(Date.UTC(2100, 0, 1)),
  /** The recorder's MIME type, e.g. `audio/webm;codecs=opus`. */
  mimeType: z
    .string()
    .max(80)
    .regex(MIME_TYPE, `must be one of ${RECORDING_MIME_TYPES.join(', ')}, with optional ;codecs=…`),
});
export type CreateRecordingRequest = z.infer<typeof createRecordingRequestSchema>;

/** Why a recording's start is not plausible for this loop now, or null when it is. */
export function startedAtProblem(startedAt: number, loopCreatedAt: number, now: number) {
  if (startedAt < loopCreatedAt - RECORDING_CLOCK_SKEW_MS)
    return 'startedAt: the recording cannot start before the loop was created';
  if (startedAt > now + RECORDING_CLOCK_SKEW_MS)
    return 'startedAt: the recording cannot start in the future';
  return null;
}

/** A stored recording of one role's answer in one round, without its audio. */
export interface Recording {
  id: string;
  loopId: string;
  /** Who recorded it. */
  role: Role;
  round: number;
  /** When recording started, epoch ms, as the recording browser said. */
  startedAt: number;
  mimeType: string;
  /** Bytes of audio stored so far. */
  bytes: number;
  /** Chunks stored so far; the next one sent must have this `seq`. */
  chunks: number;
  /** When the server stored the recording, epoch ms. */
  createdAt: number;
}

/** The name a recording is downloaded as: `mockloop-<loop>-round-2-candidate-<id>.webm`. */
export function recordingFileName(recording: Recording): string {
  const type = recording.mimeType.split(';')[0]!.toLowerCase() as keyof typeof EXTENSIONS;
  const { loopId, round, role, id } = recording;
  return `mockloop-${loopId}-round-${round + 1}-${role}-${id}.${EXTENSIONS[type]}`;
}
