/** The call's state and problems in words, as the loop page shows them. */
import { describe, expect, it } from 'vitest';
import { mediaProblem, type CallView } from '@/lib/call';
import { callWords, linkWords, problemWords } from '@/features/call/call-words';

const view = (over: Partial<CallView>): CallView => ({
  status: 'on',
  sends: true,
  muted: false,
  listenOnly: false,
  camera: false,
  relayOnly: false,
  speaking: false,
  preview: null,
  peers: [],
  problem: null,
  microphones: [],
  cameras: [],
  microphone: null,
  cameraId: null,
  ...over,
});
const peer = (role: 'candidate' | 'observer', state: 'connected' | 'unreachable') =>
  ({ role, state, relayed: false, speaking: false, video: false }) as CallView['peers'][number];

describe('the call in words', () => {
  it('says who it waits for, and how each connection is doing', () => {
    expect(callWords(view({ status: 'off' }), 'candidate')).toBe('You are not in the call.');
    expect(callWords(view({}), 'candidate')).toBe(
      'In the call — waiting for the interviewer to join.',
    );
    expect(callWords(view({}), 'observer')).toContain('the interviewer and the candidate');
    expect(
      callWords(
        view({ peers: [peer('candidate', 'connected'), peer('observer', 'connected')] }),
        'interviewer',
      ),
    ).toBe('Connected to the candidate. Connected to the observer.');
    expect(linkWords('candidate', 'connected', true)).toBe(
      'Connected to the candidate through the relay server',
    );
    expect(linkWords('interviewer', 'unreachable', false)).toMatch(/Could not reach.*TURN relay/);
    expect(linkWords('interviewer', 'interrupted', false)).toMatch(/reconnecting/);
  });

  it("tells the browser's media errors apart", () => {
    const error = (name: string) => new DOMException('from the browser', name);
    expect(mediaProblem(error('NotAllowedError'), 'camera')).toEqual({
      kind: 'denied',
      device: 'camera',
    });
    expect(mediaProblem(error('NotFoundError'), 'microphone').kind).toBe('no-device');
    expect(mediaProblem(error('NotReadableError'), 'microphone').kind).toBe('busy');
    expect(mediaProblem(new Error('odd'), 'microphone').kind).toBe('failed');
  });

  it('names the device and what to do for each problem', () => {
    expect(problemWords({ kind: 'denied', device: 'camera' })).toMatch(
      /allowed to use your camera.*try again/,
    );
    expect(problemWords({ kind: 'no-device', device: 'microphone' })).toBe(
      'No microphone was found. Connect one, then try again.',
    );
    expect(problemWords({ kind: 'insecure', device: 'microphone' })).toMatch(/https/);
    expect(problemWords({ kind: 'busy', device: 'microphone' })).toMatch(/another app/);
    expect(problemWords({ kind: 'refused', detail: 'a solo loop has no call' })).toBe(
      'The server did not let you join the call: a solo loop has no call.',
    );
  });
});
