/**
 * The built-in call's rules: who talks with whom, and what a signalling message may hold.
 * The call itself is WebRTC between the browsers; the server only relays the signalling
 * (offers, answers and ICE candidates) between the sessions of one loop that joined the
 * call, and never writes it to the loop's log.
 *
 * The interviewer and the candidate send and receive audio (and video, if they turn it on);
 * the observer receives from both and sends nothing. A solo loop has no call.
 */
import { z } from 'zod';
import { ROLES, type Mode, type Role } from './loop/state';

/** Longest session description (SDP) relayed, in characters; a browser's is 3–10 KB. */
export const CALL_SDP_MAX_CHARS = 20_000;
/** Longest ICE candidate line relayed, in characters. */
export const CALL_CANDIDATE_MAX_CHARS = 1_024;

/** A tab's place in the call: a fresh one per join, so a rejoin is told from the old one. */
export const callSessionSchema = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'a call session id');

const sdp = z.string().min(1).max(CALL_SDP_MAX_CHARS);

/** One signalling message, as the browser's RTCPeerConnection makes it. */
export const callSignalSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('offer'), sdp }),
  z.strictObject({ kind: z.literal('answer'), sdp }),
  z.strictObject({
    kind: z.literal('candidate'),
    candidate: z.string().max(CALL_CANDIDATE_MAX_CHARS),
    sdpMid: z.string().max(64).nullable(),
    sdpMLineIndex: z.number().int().min(0).max(64).nullable(),
  }),
]);
export type CallSignal = z.infer<typeof callSignalSchema>;

/** Whether a role of a loop of `mode` takes part in the call. */
export const inCall = (mode: Mode, role: Role): boolean =>
  mode === 'paired' && ROLES.includes(role);

/** Whether a role sends its own audio and video in the call (the observer only listens). */
export const sendsMedia = (role: Role): boolean => role !== 'observer';

/** Which way media flows from `self` to `other` in their connection. */
export type CallDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';

/**
 * The direction `self` sets on its side of the connection with `other`, for a kind of
 * media it is `sending` now or not (a camera that is off sends no video).
 */
export function callDirection(self: Role, other: Role, sending = true): CallDirection {
  const sends = sendsMedia(self) && sending;
  const receives = sendsMedia(other);
  if (sends && receives) return 'sendrecv';
  if (sends) return 'sendonly';
  return receives ? 'recvonly' : 'inactive';
}

/**
 * Whether `self` gives way when its offer and `other`'s cross (WebRTC's "perfect
 * negotiation": the polite side rolls its own offer back and answers; the other ignores
 * the crossing offer). The order of `ROLES` decides, so each pair has one polite side.
 */
export const isPolite = (self: Role, other: Role): boolean =>
  ROLES.indexOf(self) > ROLES.indexOf(other);

/** Whether `from` may signal `to` in a loop of `mode`: two different roles in the call. */
export const maySignal = (mode: Mode, from: Role, to: Role): boolean =>
  from !== to && inCall(mode, from) && inCall(mode, to);

/**
 * Why a role may not send this signal, or null. A role that sends no media may describe
 * only media it receives: every media section of its SDP must say `recvonly` or
 * `inactive`, and never `sendrecv` or `sendonly` (a section that says nothing means
 * `sendrecv`).
 */
export function signalProblem(role: Role, signal: CallSignal): string | null {
  if (sendsMedia(role) || signal.kind === 'candidate') return null;
  const sections = signal.sdp.split(/\r?\nm=/).slice(1);
  const says = (section: string, directions: string) =>
    new RegExp(`\\na=(${directions})\\r?(\\n|$)`).test(`\n${section}`);
  const receiveOnly = sections.every(
    (section) => says(section, 'recvonly|inactive') && !says(section, 'sendrecv|sendonly'),
  );
  return receiveOnly ? null : 'an observer may only receive in the call';
}
