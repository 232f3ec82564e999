/**
 * The call's rules (who signals whom, what an observer may describe, what a signal may
 * hold) and the ICE servers a joining browser gets, with TURN credentials in the scheme
 * coturn's use-auth-secret checks.
 */
import { describe, expect, it } from 'vitest';
import {
  CALL_SDP_MAX_CHARS,
  callDirection,
  callSignalSchema,
  inCall,
  isPolite,
  maySignal,
  signalProblem,
} from '../../shared/src/call';
import { iceServersFor, turnCredential } from '../../server/src/call/ice';
import { readConfig } from '../../server/src/config';

/** A browser-like SDP with an audio and a video section, each with `direction`. */
const sdp = (direction: string | null) =>
  [
    'v=0',
    'o=- 4611731400430051336 2 IN IP4 127.0.0.1',
    's=-',
    't=0 0',
    'm=audio 9 UDP/TLS/RTP/SAVPF 111',
    'c=IN IP4 0.0.0.0',
    ...(direction ? [`a=${direction}`] : []),
    'a=rtpmap:111 opus/48000/2',
    'm=video 9 UDP/TLS/RTP/SAVPF 96',
    'c=IN IP4 0.0.0.0',
    ...(direction ? [`a=${direction}`] : []),
    'a=rtpmap:96 VP8/90000',
    '',
  ].join('\r\n');

describe('the call', () => {
  it('is between the roles of a paired loop; a solo loop has none', () => {
    expect(inCall('paired', 'observer')).toBe(true);
    expect(inCall('solo', 'candidate')).toBe(false);
    expect(maySignal('paired', 'interviewer', 'candidate')).toBe(true);
    expect(maySignal('paired', 'observer', 'interviewer')).toBe(true);
    expect(maySignal('paired', 'candidate', 'candidate')).toBe(false);
    expect(maySignal('solo', 'candidate', 'interviewer')).toBe(false);
  });

  it('sends media both ways between the partners, and only to the observer', () => {
    expect(callDirection('candidate', 'interviewer')).toBe('sendrecv');
    expect(callDirection('interviewer', 'candidate')).toBe('sendrecv');
    expect(callDirection('interviewer', 'observer')).toBe('sendonly');
    expect(callDirection('observer', 'candidate')).toBe('recvonly');
    expect(callDirection('observer', 'observer')).toBe('inactive');
    // A camera that is off: video only comes in.
    expect(callDirection('candidate', 'interviewer', false)).toBe('recvonly');
    expect(callDirection('interviewer', 'observer', false)).toBe('inactive');
  });

  it('makes exactly one side of each pair give way when offers cross', () => {
    const roles = ['candidate', 'interviewer', 'observer'] as const;
    for (const a of roles)
      for (const b of roles) if (a !== b) expect(isPolite(a, b), `${a}/${b}`).toBe(!isPolite(b, a));
  });

  it('lets the observer describe only media it receives', () => {
    const answer = (direction: string | null) => ({ kind: 'answer' as const, sdp: sdp(direction) });
    expect(signalProblem('observer', answer('recvonly'))).toBeNull();
    expect(signalProblem('observer', answer('inactive'))).toBeNull();
    // No direction means sendrecv.
    for (const direction of ['sendrecv', 'sendonly', null])
      expect(signalProblem('observer', answer(direction)), String(direction)).toMatch(/observer/);
    // One section that sends is enough to refuse.
    const mixed = sdp('recvonly').replace(/(m=video[^]*?)a=recvonly/, '$1a=sendrecv');
    expect(signalProblem('observer', { kind: 'offer', sdp: mixed })).toMatch(/observer/);
    // Nor does saying both.
    const both = sdp('recvonly').replace('a=recvonly', 'a=recvonly\r\na=sendonly');
    expect(signalProblem('observer', { kind: 'answer', sdp: both })).toMatch(/observer/);
    expect(signalProblem('candidate', answer('sendrecv'))).toBeNull();
    expect(
      signalProblem('observer', {
        kind: 'candidate',
        candidate: 'candidate:1 1 udp 2122260223 192.0.2.7 54400 typ host',
        sdpMid: '0',
        sdpMLineIndex: 0,
      }),
    ).toBeNull();
  });

  it('caps what a signal may hold', () => {
    const ok = callSignalSchema.safeParse({ kind: 'offer', sdp: sdp('sendrecv') });
    expect(ok.success).toBe(true);
    const long = { kind: 'offer', sdp: 'v'.repeat(CALL_SDP_MAX_CHARS + 1) };
    expect(callSignalSchema.safeParse(long).success).toBe(false);
    expect(callSignalSchema.safeParse({ kind: 'offer', sdp: '', extra: 1 }).success).toBe(false);
    expect(callSignalSchema.safeParse({ kind: 'bye' }).success).toBe(false);
    const candidate = { kind: 'candidate', candidate: 'c'.repeat(1_025), sdpMid: '0' };
    expect(callSignalSchema.safeParse({ ...candidate, sdpMLineIndex: 0 }).success).toBe(false);
  });
});

describe('the ICE servers of a session', () => {
  it('makes TURN credentials as coturn checks them: expiry:id, base64 HMAC-SHA1', () => {
    // Worked out with `openssl dgst -sha1 -hmac north-wind -binary | base64`.
    expect(turnCredential('north-wind', 's3ss10n-abc', 1_767_600_000_000)).toEqual({
      username: '1767600000:s3ss10n-abc',
      credential: 'rXXONAdau+OxZ0EtMeXS1gfpqR0=',
    });
  });

  it('gives STUN as configured, and TURN only with a secret, valid for its time', () => {
    const config = readConfig({
      STUN_URLS: 'stun:stun.example.org:3478',
      TURN_URLS: 'turn:turn.example.org:3478?transport=udp, turns:turn.example.org:5349',
      TURN_SECRET: 'north-wind',
      TURN_TTL_SECONDS: '600',
    });
    const now = 1_767_600_000_000;
    const [stun, turn] = iceServersFor(config.ice, 'session-1', now);
    expect(stun).toEqual({ urls: ['stun:stun.example.org:3478'] });
    expect(turn!.urls).toEqual([
      'turn:turn.example.org:3478?transport=udp',
      'turns:turn.example.org:5349',
    ]);
    expect(turn!.username).toBe(`${now / 1000 + 600}:session-1`);
    expect(iceServersFor(readConfig({}).ice, 'session-1', now)).toEqual([]);
  });

  it('refuses a TURN server without a secret, and URLs of another kind', () => {
    expect(() => readConfig({ TURN_URLS: 'turn:turn.example.org' })).toThrow(/TURN_SECRET/);
    expect(() => readConfig({ STUN_URLS: 'https://stun.example.org' })).toThrow(/STUN_URLS/);
    expect(() => readConfig({ TURN_URLS: 'stun:x', TURN_SECRET: 's' })).toThrow(/TURN_URLS/);
    expect(() => readConfig({ TURN_TTL_SECONDS: '0' })).toThrow(/TURN_TTL_SECONDS/);
  });
});
