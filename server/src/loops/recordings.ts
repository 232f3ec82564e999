/**
 * The recordings of a loop's spoken answers. One is made, and each of its chunks taken,
 * only while everyone who must has agreed (`shared/src/recording.ts`), checked in turn with
 * the loop's commands, so no chunk is taken after a withdrawal this node has applied. Only
 * the role that started a recording adds to it; a loop's recordings have a cap of their own
 * (`MAX_RECORDING_MB_PER_LOOP`); every role of the loop may list and replay them, and
 * either partner may delete any of them, for good. Knows nothing about HTTP.
 */
import { randomBytes } from 'node:crypto';
import { fail, type Ack } from '@mockloop/shared/errors';
import type { LoopState, Role } from '@mockloop/shared/loop/state';
import { mayRecord, recordingOffReason } from '@mockloop/shared/recording';
import {
  startedAtProblem,
  type CreateRecordingRequest,
  type Recording,
} from '@mockloop/shared/recording-api';
import type { Logger } from '../log';
import { mb, type Quotas } from '../quotas';
import type { ByteRange, ChunkAppend, RecordingStore } from '../store/store';
import type { LoopService } from './loop-service';

/** 128 random bits per recording id: ids cannot be guessed. */
const RECORDING_ID_BYTES = 16;

export interface RecordingsDeps {
  service: LoopService;
  store: RecordingStore;
  quotas: Pick<Quotas, 'allowStoreWrite' | 'limits'>;
  log: Logger;
}

/** The answer for a recording that is not this loop's (or not at all). */
export const NO_RECORDING = fail('not-found', 'no recording with that id in this loop');

export class Recordings {
  constructor(private readonly deps: RecordingsDeps) {}

  /** Starts a recording of `role`'s answers in a round, if recording is on. */
  create(loopId: string, role: Role, request: CreateRecordingRequest): Promise<Ack<Recording>> {
    return this.deps.service.withState(loopId, async (state) => {
      const refused = refusal(state, role);
      if (refused) return refused;
      const now = this.deps.service.now();
      if (!state!.rounds[request.round])
        return fail('not-found', `this loop has no round ${request.round + 1}`);
      const problem = startedAtProblem(request.startedAt, state!.createdAt, now);
      if (problem) return fail('bad-request', problem);
      const room = await this.deps.quotas.allowStoreWrite();
      if (!room.ok) return room;
      const id = randomBytes(RECORDING_ID_BYTES).toString('base64url');
      const recording = { id, loopId, role, ...request, bytes: 0, chunks: 0, createdAt: now };
      await this.deps.store.createRecording(recording);
      this.deps.log.info('recording started', { loopId, role, round: request.round });
      return { ok: true, data: recording };
    });
  }

  /** Adds chunk `seq` to a recording: sent by the role that started it, while recording is on. */
  append(
    loopId: string,
    role: Role,
    recordingId: string,
    seq: number,
    data: Uint8Array,
  ): Promise<Ack<Recording>> {
    return this.deps.service.withState(loopId, async (state) => {
      const refused = refusal(state, role);
      if (refused) return refused;
      if (data.length === 0) return fail('bad-request', 'a chunk holds at least one byte');
      const recording = await this.deps.store.recording(loopId, recordingId);
      if (!recording) return NO_RECORDING;
      if (recording.role !== role)
        return fail(
          'forbidden',
          `only the ${recording.role}, who started it, adds to this recording`,
        );
      const room = await this.deps.quotas.allowStoreWrite();
      if (!room.ok) return room;
      const cap = this.deps.quotas.limits.recordingBytes;
      const outcome = await this.deps.store.appendRecordingChunk(
        loopId,
        recordingId,
        seq,
        data,
        cap,
      );
      return answer(outcome, seq, cap);
    });
  }

  /** A loop's recordings, oldest first. */
  list(loopId: string): Promise<Recording[]> {
    return this.deps.store.recordings(loopId);
  }

  /** One recording of a loop, or null (a recording of another loop included). */
  find(loopId: string, recordingId: string): Promise<Recording | null> {
    return this.deps.store.recording(loopId, recordingId);
  }

  /** A recording's audio, or the bytes of `range`, read as it is sent. */
  audio(loopId: string, recordingId: string, range: ByteRange): AsyncIterable<Uint8Array> {
    return this.deps.store.recordingAudio(loopId, recordingId, range);
  }

  /** Deletes a recording for good: the candidate or the interviewer may, whoever made it. */
  async delete(loopId: string, role: Role, recordingId: string): Promise<Ack<null>> {
    const state = await this.deps.service.get(loopId);
    if (!state) return fail('not-found', 'no such loop');
    if (!mayRecord(state.mode, role))
      return fail('forbidden', `the ${role} may not delete recordings`);
    if (!(await this.deps.store.deleteRecording(loopId, recordingId))) return NO_RECORDING;
    this.deps.log.info('recording deleted', { loopId, role });
    return { ok: true, data: null };
  }
}

/** The refusal of a recording now: by a role that may not, or while recording is off. */
function refusal(state: LoopState | null, role: Role) {
  if (!state) return fail('not-found', 'no such loop');
  if (!mayRecord(state.mode, role)) return fail('forbidden', `the ${role} may not record`);
  const off = recordingOffReason(state);
  return off ? fail('conflict', off) : null;
}

/** A chunk's outcome in the store, as the answer to whoever sent it. */
function answer(outcome: ChunkAppend, seq: number, cap: number): Ack<Recording> {
  switch (outcome.kind) {
    case 'stored':
    case 'repeated':
      return { ok: true, data: outcome.recording };
    case 'out-of-order':
      return fail(
        'conflict',
        `chunk ${seq} is not the next of this recording: send chunk ${outcome.expected}`,
      );
    case 'changed':
      return fail('conflict', `chunk ${seq} of this recording was stored with other bytes`);
    case 'full':
      return fail(
        'storage-full',
        `this loop's recordings have used their ${mb(cap)} (MAX_RECORDING_MB_PER_LOOP): what ` +
          'was recorded is kept, but nothing more can be recorded in this loop; delete a ' +
          'recording to make room, or ask whoever runs this server to raise ' +
          'MAX_RECORDING_MB_PER_LOOP',
      );
    case 'not-found':
      return NO_RECORDING;
  }
}
