/** The call's state and problems in words: what it is doing, and what to do about it. */
import type { Role } from '@mockloop/shared/loop/state';
import type { LinkState } from '@/lib/call-link';
import type { CallProblem, CallView } from '@/lib/call';

/** The others a role talks with in the call. */
export const partnersOf = (role: Role): string =>
  role === 'candidate'
    ? 'the interviewer'
    : role === 'interviewer'
      ? 'the candidate'
      : 'the interviewer and the candidate';

/** One connection's state, as a sentence about the person at its other end. */
export function linkWords(role: Role, state: LinkState, relayed: boolean): string {
  switch (state) {
    case 'connecting':
      return `Connecting to the ${role}…`;
    case 'connected':
      return relayed
        ? `Connected to the ${role} through the relay server`
        : `Connected to the ${role}`;
    case 'interrupted':
      return `The connection to the ${role} dropped — reconnecting…`;
    case 'unreachable':
      return `Could not reach the ${role}. A firewall between you may block calls: try again, or ask whoever runs this server to set up a TURN relay.`;
  }
}

/** The call as a whole, in one line. */
export function callWords(view: CallView, self: Role): string {
  if (view.status === 'joining') return 'Joining the call…';
  if (view.status === 'off') return 'You are not in the call.';
  if (view.peers.length === 0) return `In the call — waiting for ${partnersOf(self)} to join.`;
  return view.peers
    .map((p) => linkWords(p.role, p.state, p.relayed))
    .map((sentence) => (/[.…]$/.test(sentence) ? sentence : `${sentence}.`))
    .join(' ');
}

/** A problem, and what to do about it. */
export function problemWords(problem: CallProblem): string {
  if (problem.kind === 'refused')
    return `The server did not let you join the call: ${problem.detail}.`;
  const device = problem.device;
  switch (problem.kind) {
    case 'insecure':
      return `The browser only allows the ${device} on a secure page: open this loop over https (or on localhost).`;
    case 'unsupported':
      return `This browser cannot use a ${device} here. The interview works without the call.`;
    case 'denied':
      return `The browser was not allowed to use your ${device}. Allow it for this site (the icon at the left of the address bar), then try again.`;
    case 'no-device':
      return `No ${device} was found. Connect one, then try again.`;
    case 'busy':
      return `Your ${device} could not start: another app may be using it. Close that app, then try again.`;
    case 'failed':
      return `Your ${device} could not start. Try again, or choose another one.`;
  }
}
