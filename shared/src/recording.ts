/**
 * Recording the spoken answers of a loop, so they can be replayed on the review. Nothing is
 * recorded until everyone who speaks in the loop has agreed: the candidate alone in a solo
 * loop, the candidate and the interviewer in a pair. The observer only listens: it neither
 * agrees nor records. Either partner withdrawing stops it at once.
 *
 * The rule (who must agree, whether recording is on) lives here, once, for the server and
 * the client; the recordings' REST schemas are in `recording-api.ts`. Pure: no I/O, no zod.
 */
import type { LoopEvent } from './loop/events';
import type { LoopState, Mode, Role } from './loop/state';

/** The roles that must agree before a loop's answers are recorded: those who speak in it. */
export function recordingConsenters(mode: Mode): readonly Role[] {
  return mode === 'solo' ? ['candidate'] : ['candidate', 'interviewer'];
}

/** Whether a role may agree to recording, withdraw, record and delete recordings. */
export const mayRecord = (mode: Mode, role: Role): boolean =>
  recordingConsenters(mode).includes(role);

/** Why nothing may be recorded in a loop now, in words for its people; null while it may. */
export function recordingOffReason(state: LoopState): string | null {
  if (state.status === 'ended') return 'this loop has ended: nothing more is recorded in it';
  const missing = recordingConsenters(state.mode).filter(
    (role) => !state.recording.agreed.includes(role),
  );
  if (missing.length === 0) return null;
  const who = missing.map((role) => `the ${role}`).join(' and ');
  return `recording is off until ${who} ${missing.length > 1 ? 'agree' : 'agrees'} to it`;
}

/** True only while every role that must agree has agreed and the loop has not ended. */
export const recordingOn = (state: LoopState): boolean => recordingOffReason(state) === null;

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
