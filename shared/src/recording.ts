/**
 * Recording the spoken answers of a loop, so they can be replayed on the review. Nothing is
 * recorded until everyone who speaks in the loop has agreed: the candidate alone in a solo
 * loop, the candidate and the interviewer in a pair. The observer only listens: it neither
 * agrees nor records. Either partner withdrawing stops it at once.
 *
 * The rule (who must agree, whether recording is on) and the schemas of the recordings'
 * REST requests live here, once, for the server and the client. Pure: no I/O.
 */
import { z } from 'zod';
import type { LoopEvent } from './loop/events';
import type { LoopState, Mode, Role } from './loop/state';

/** The roles that must agree before a loop's answers are recorded: those who speak in it. */
export function recordingConsenters(mode: Mode): readonly Role[] {
  return mode === 'solo' ? ['candidate'] : ['candidate', 'interviewer'];
}

/** Whether a role may agree to recording, withdraw, record and delete recordings. */
export const mayRecord = (mode: Mode, role: Role): boolean =>
  recordingConsenters(mode).includes(role);

/** True only while every role that must agree has agreed and the loop has not ended. */
export function recordingOn(state: LoopState): boolean {
  if (state.status === 'ended') return false;
  return recordingConsenters(state.mode).every((role) => state.recording.agreed.includes(role));
}

/** Whether a loop is being recorded, as every role's view shows it. */
export interface RecordingView {
  /** The roles that have agreed, in the order they did. */
  agreed: Role[];
  /** The roles that must agree before anything is recorded. */
  needed: Role[];
  on: boolean;
}

export function recordingView(state: LoopState): RecordingView {
  return {
    agreed: [...state.recording.agreed],
    needed: [...recordingConsenters(state.mode)],
    on: recordingOn(state),
  };
}

/**
 * The events of a role agreeing to recording (`agree`) or withdrawing. Agreeing again, or
 * withdrawing without having agreed, changes nothing.
 */
export function consentEvents(
  state: LoopState,
  role: Role,
  agree: boolean,
  now: number,
): LoopEvent[] {
  if (state.recording.agreed.includes(role) === agree) return [];
  return [{ type: agree ? 'recording.agreed' : 'recording.withdrawn', at: now, role }];
}

/** The roles that have agreed once `event` is applied. */
export function agreedAfter(
  agreed: readonly Role[],
  event: Extract<LoopEvent, { type: 'recording.agreed' | 'recording.withdrawn' }>,
): Role[] {
  const others = agreed.filter((role) => role !== event.role);
  return event.type === 'recording.agreed' ? [...others, event.role] : others;
}

/** The audio formats browsers record (MediaRecorder), each with optional codecs. */
export const RECORDING_MIME_TYPES = ['audio/webm', 'audio/ogg', 'audio/mp4'] as const;
const MIME_TYPE =
  /^audio\/(webm|ogg|mp4)(; ?codecs=("?)[a-z0-9.+-]{1,32}(, ?[a-z0-9.+-]{1,32})?\3)?$/i;
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
