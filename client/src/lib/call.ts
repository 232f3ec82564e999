/**
 * The built-in call of a paired loop, in this tab. Joining takes the microphone (not the
 * observer's: it only listens), joins the loop's call with a fresh session and keeps one
 * connection (`CallLink`) with each other role in it: whoever learns of the other's joining
 * (`call:joined`) offers first. The signalling goes over the loop's socket; a socket that
 * comes back, or a refreshed page, joins again by itself. Nothing here blocks the
 * interview: every failure is a `problem` the call shows, with a way to try again.
 *
 * React reads it through `subscribe` and `view` (useSyncExternalStore).
 */
import { maySignal, sendsMedia, type CallSignal } from '@mockloop/shared/call';
import type { Mode, Role } from '@mockloop/shared/loop/state';
import { CallLink, type LinkState, type SentTracks } from '@/lib/call-link';
import {
  callPrefs,
  inCallBefore,
  rememberCallPrefs,
  rememberInCall,
  type CallPrefs,
} from '@/lib/device';
import { connectedSocket, loopSocket, onServerEvent, whenConnected } from '@/lib/loop-connection';

/** How often the speaking indicators are updated. */
const LEVEL_EVERY_MS = 250;
/** An audio level (0–1) above this counts as speaking. */
const SPEAKING_LEVEL = 0.02;
/** How long the server may take to answer a join. */
const JOIN_TIMEOUT_MS = 10_000;
/** A signal refused for the rate limit is sent again after this long, this many times. */
const SIGNAL_RETRY_MS = 1_000;
const SIGNAL_RETRIES = 3;

export type CallStatus = 'off' | 'joining' | 'on';
export type CallDevice = 'microphone' | 'camera';

/** What went wrong, for the call to say in words (see features/call/call-words). */
export type CallProblem =
  | {
      kind: 'insecure' | 'unsupported' | 'denied' | 'no-device' | 'busy' | 'failed';
      device: CallDevice;
    }
  | { kind: 'refused'; detail: string };

export interface PeerView {
  role: Role;
  state: LinkState;
  relayed: boolean;
  speaking: boolean;
  /** Whether their camera's video is coming in. */
  video: boolean;
  stream: MediaStream;
}

export interface DeviceChoice {
  id: string;
  label: string;
}

export interface CallView {
  status: CallStatus;
  /** Whether this tab sends audio and video at all (the observer does not). */
  sends: boolean;
  muted: boolean;
  /** Joined without a microphone: hears and sees the others, sends nothing. */
  listenOnly: boolean;
  camera: boolean;
  relayOnly: boolean;
  speaking: boolean;
  /** This tab's own camera, for its preview. */
  preview: MediaStream | null;
  peers: PeerView[];
  problem: CallProblem | null;
  microphones: DeviceChoice[];
  cameras: DeviceChoice[];
  microphone: string | null;
  cameraId: string | null;
}

const newSession = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(12)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/** What a failed getUserMedia means for the person in front of it. */
export function mediaProblem(error: unknown, device: CallDevice): CallProblem {
  const name = error instanceof DOMException ? error.name : '';
  if (name === 'NotAllowedError' || name === 'SecurityError') return { kind: 'denied', device };
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return { kind: 'no-device', device };
  if (name === 'NotReadableError' || name === 'AbortError') return { kind: 'busy', device };
  return { kind: 'failed', device };
}

/** A level meter on a local track: the root mean square of its samples, 0–1. */
class LevelMeter {
  private readonly context = new AudioContext();
  private readonly analyser = this.context.createAnalyser();
  private readonly samples = new Float32Array(512);

  constructor(track: MediaStreamTrack) {
    this.analyser.fftSize = this.samples.length;
    this.context.createMediaStreamSource(new MediaStream([track])).connect(this.analyser);
    void this.context.resume().catch(() => {});
  }

  level(): number {
    this.analyser.getFloatTimeDomainData(this.samples);
    let sum = 0;
    for (const sample of this.samples) sum += sample * sample;
    return Math.sqrt(sum / this.samples.length);
  }

  close(): void {
    void this.context.close().catch(() => {});
  }
}

export class Call {
  private status: CallStatus = 'off';
  private session = '';
  private joinedOn: string | undefined;
  private iceServers: RTCIceServer[] = [];
  private readonly links = new Map<Role, CallLink>();
  /** Others' sessions that left or were replaced: their late signals are dropped. */
  private readonly ended = new Set<string>();
  private mic: MediaStreamTrack | null = null;
  private cam: MediaStreamTrack | null = null;
  /** The camera as a stream, for this tab's own preview. */
  private preview: MediaStream | null = null;
  private meter: LevelMeter | null = null;
  private muted = false;
  private listenOnly = false;
  private speaking = false;
  private readonly peerSpeaking = new Map<Role, boolean>();
  private problem: CallProblem | null = null;
  private devices: MediaDeviceInfo[] = [];
  private levels: ReturnType<typeof setInterval> | undefined;
  private readonly listeners = new Set<() => void>();
  private readonly stops: (() => void)[] = [];
  private current: CallView;
  /** This device's call settings, read once and kept in step with what is saved. */
  private prefs: CallPrefs = callPrefs();

  constructor(
    private readonly loopId: string,
    private readonly role: Role,
    private readonly mode: Mode,
  ) {
    this.current = this.makeView();
    this.stops.push(
      onServerEvent('call:joined', ({ role: other, session }) => {
        if (this.status === 'on' && maySignal(this.mode, this.role, other))
          this.link(other, session, true);
      }),
      onServerEvent('call:signal', ({ from, session, toSession, signal }) => {
        if (this.status !== 'on' || toSession !== this.session || this.ended.has(session)) return;
        if (!maySignal(this.mode, this.role, from)) return;
        const current = this.links.get(from);
        (current?.session === session ? current : this.link(from, session, false)).receive(signal);
      }),
      onServerEvent('call:left', ({ role: other, session }) => {
        this.ended.add(session);
        const link = this.links.get(other);
        if (link?.session !== session) return;
        link.close();
        this.links.delete(other);
        this.changed();
      }),
      // A socket that came back is a new one: the server took the old one out of the call.
      whenConnected((socket) => {
        if (this.status === 'on' && socket.id !== this.joinedOn) void this.enter();
      }),
    );
    if (navigator.mediaDevices) {
      const refresh = () => void this.listDevices();
      navigator.mediaDevices.addEventListener('devicechange', refresh);
      this.stops.push(() => navigator.mediaDevices.removeEventListener('devicechange', refresh));
    }
    const before = inCallBefore(loopId);
    if (before) {
      this.muted = before.muted;
      void this.join({ listenOnly: before.listenOnly });
    }
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly view = (): CallView => this.current;

  /** Joins the call: with the microphone unless `listenOnly` (or the observer). */
  async join(options: { listenOnly?: boolean } = {}): Promise<void> {
    if (this.status !== 'off') return;
    this.problem = null;
    this.listenOnly = Boolean(options.listenOnly) || !sendsMedia(this.role);
    this.status = 'joining';
    this.changed();
    if (!this.listenOnly) {
      const mic = await this.open('microphone', this.prefs.microphone, false);
      // Left (or the page closed) while the browser was asking for the microphone.
      if (this.status !== 'joining') return mic?.stop();
      if (!mic) {
        this.status = 'off';
        return this.changed();
      }
      this.useMic(mic);
    }
    await this.enter();
  }

  /** Leaves the call and lets go of the microphone and camera. */
  leave(): void {
    if (this.status !== 'off') loopSocket()?.emit('call:leave', {}, () => {});
    this.status = 'off';
    this.closeLinks();
    this.mic?.stop();
    this.mic = null;
    this.useCam(null);
    this.meter?.close();
    this.meter = null;
    clearInterval(this.levels);
    this.speaking = false;
    rememberInCall(this.loopId, null);
    this.changed();
  }

  /** Tries again after a problem: joins, or rejoins when a partner could not be reached. */
  retry(options: { listenOnly?: boolean } = {}): void {
    this.problem = null;
    if (this.status === 'off') void this.join(options);
    else void this.enter();
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    this.sendTracks();
    if (this.status === 'on') this.remember();
  }

  async setCamera(on: boolean): Promise<void> {
    if (!on) return this.useCam(null);
    if (this.cam || this.listenOnly) return;
    this.problem = null;
    const cam = await this.open('camera', this.prefs.camera, false);
    if (cam && this.status !== 'off') this.useCam(cam);
    else cam?.stop();
    this.changed();
  }

  async chooseMicrophone(id: string): Promise<void> {
    this.setPrefs({ microphone: id });
    if (!this.mic) return this.changed();
    const mic = await this.open('microphone', id, true);
    if (!mic) return this.changed();
    this.mic.stop();
    this.useMic(mic);
    this.sendTracks();
  }

  async chooseCamera(id: string): Promise<void> {
    this.setPrefs({ camera: id });
    if (!this.cam) return this.changed();
    const cam = await this.open('camera', id, true);
    if (!cam) return this.changed();
    this.useCam(cam);
  }

  /** Relay only: every connection goes through the TURN server (takes effect at once). */
  setRelayOnly(relayOnly: boolean): void {
    this.setPrefs({ relayOnly });
    if (this.status === 'on') void this.enter();
    else this.changed();
  }

  dispose(): void {
    const remembered = inCallBefore(this.loopId);
    this.leave();
    // Leaving the page is not leaving the call: coming back in this tab joins again.
    if (remembered) rememberInCall(this.loopId, remembered);
    for (const stop of this.stops) stop();
    this.listeners.clear();
  }

  /** Joins the call with a fresh session: the others drop the old one and offer anew. */
  private async enter(): Promise<void> {
    this.status = 'joining';
    this.closeLinks();
    this.changed();
    const socket = await connectedSocket();
    const session = newSession();
    this.session = session;
    const ack = await socket
      .timeout(JOIN_TIMEOUT_MS)
      .emitWithAck('call:join', { session })
      .catch(() => null);
    // A later join replaced this one: the server ended this session with it.
    if (this.session !== session) return;
    // Left while joining: the server may have handled the leave before this join finished.
    if (this.status !== 'joining') {
      if (ack?.ok) socket.emit('call:leave', {}, () => {});
      return;
    }
    if (!ack?.ok) {
      const detail = ack ? ack.error.message : 'the server did not answer';
      this.leave();
      this.problem = { kind: 'refused', detail };
      return this.changed();
    }
    this.iceServers = ack.data.iceServers;
    this.joinedOn = socket.id;
    this.status = 'on';
    this.remember();
    clearInterval(this.levels);
    this.levels = setInterval(() => void this.measure(), LEVEL_EVERY_MS);
    void this.listDevices();
    this.changed();
  }

  /** The connection with `other`'s `session`, new; one it replaces is closed. */
  private link(other: Role, session: string, initiate: boolean): CallLink {
    const before = this.links.get(other);
    if (before) {
      this.ended.add(before.session);
      before.close();
    }
    const link = new CallLink(
      {
        self: this.role,
        other,
        session,
        iceServers: this.iceServers,
        relayOnly: this.prefs.relayOnly,
        send: (signal) => this.signal(other, session, signal, SIGNAL_RETRIES),
        changed: () => this.changed(),
      },
      this.sent(),
      initiate,
    );
    this.links.set(other, link);
    this.changed();
    return link;
  }

  private signal(to: Role, toSession: string, signal: CallSignal, retries: number): void {
    loopSocket()?.emit('call:signal', { to, toSession, signal }, (ack) => {
      if (ack.ok || ack.error.code !== 'rate-limited' || retries === 0) {
        if (!ack.ok) console.warn('call: a signal was refused', ack.error.message);
        return;
      }
      setTimeout(() => {
        if (this.links.get(to)?.session === toSession)
          this.signal(to, toSession, signal, retries - 1);
      }, SIGNAL_RETRY_MS);
    });
  }

  private sent(): SentTracks {
    return { audio: this.muted ? null : this.mic, video: this.cam };
  }

  private sendTracks(): void {
    for (const link of this.links.values()) link.sendTracks(this.sent());
    this.changed();
  }

  /** Sends this camera track (or none), stopping the one before. */
  private useCam(cam: MediaStreamTrack | null): void {
    this.cam?.stop();
    this.cam = cam;
    this.preview = cam ? new MediaStream([cam]) : null;
    this.sendTracks();
  }

  private useMic(mic: MediaStreamTrack): void {
    this.mic = mic;
    this.meter?.close();
    this.meter = new LevelMeter(mic);
  }

  /** A track from the microphone or camera (`exact`: that device or none), or null. */
  private async open(
    device: CallDevice,
    id: string | null,
    exact: boolean,
  ): Promise<MediaStreamTrack | null> {
    if (!window.isSecureContext) return this.fail({ kind: 'insecure', device });
    if (!navigator.mediaDevices?.getUserMedia) return this.fail({ kind: 'unsupported', device });
    const deviceId = id ? (exact ? { exact: id } : { ideal: id }) : undefined;
    const constraints: MediaStreamConstraints =
      device === 'microphone'
        ? { audio: { deviceId, echoCancellation: true, noiseSuppression: true } }
        : { video: { deviceId, width: { ideal: 640 }, height: { ideal: 360 } } };
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      void this.listDevices();
      return stream.getTracks()[0] ?? null;
    } catch (error) {
      return this.fail(mediaProblem(error, device));
    }
  }

  private setPrefs(prefs: Partial<CallPrefs>): void {
    this.prefs = { ...this.prefs, ...prefs };
    rememberCallPrefs(prefs);
  }

  private fail(problem: CallProblem): null {
    this.problem = problem;
    this.changed();
    return null;
  }

  private async listDevices(): Promise<void> {
    if (!navigator.mediaDevices?.enumerateDevices) return;
    this.devices = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    this.changed();
  }

  /** Closes every connection; the others' sessions stay open to a later join of this tab. */
  private closeLinks(): void {
    for (const link of this.links.values()) link.close();
    this.links.clear();
    this.peerSpeaking.clear();
  }

  private remember(): void {
    rememberInCall(this.loopId, { muted: this.muted, listenOnly: this.listenOnly });
  }

  /**
   * Who is speaking (this tab by its meter, the others by their audio's level), and whether
   * each connection is relayed.
   */
  private async measure(): Promise<void> {
    let changed = false;
    const speaking = !this.muted && (this.meter?.level() ?? 0) > SPEAKING_LEVEL;
    if (speaking !== this.speaking) [this.speaking, changed] = [speaking, true];
    for (const [role, link] of this.links) {
      const now = (await link.measure()) > SPEAKING_LEVEL;
      if (now !== (this.peerSpeaking.get(role) ?? false)) {
        this.peerSpeaking.set(role, now);
        changed = true;
      }
    }
    if (changed) this.changed();
  }

  private changed(): void {
    this.current = this.makeView();
    for (const listener of this.listeners) listener();
  }

  private makeView(): CallView {
    const prefs = this.prefs;
    const choices = (kind: MediaDeviceKind, noun: string) =>
      this.devices
        .filter((d) => d.kind === kind && d.deviceId)
        .map((d, i) => ({ id: d.deviceId, label: d.label || `${noun} ${i + 1}` }));
    return {
      status: this.status,
      sends: sendsMedia(this.role),
      muted: this.muted,
      listenOnly: this.listenOnly,
      camera: this.cam !== null,
      relayOnly: prefs.relayOnly,
      speaking: this.speaking,
      preview: this.preview,
      peers: [...this.links].map(([role, link]) => ({
        role,
        state: link.state,
        relayed: link.relayed,
        speaking: this.peerSpeaking.get(role) ?? false,
        video: link.showsVideo,
        stream: link.remote,
      })),
      problem: this.problem,
      microphones: choices('audioinput', 'Microphone'),
      cameras: choices('videoinput', 'Camera'),
      microphone: this.mic?.getSettings().deviceId ?? prefs.microphone,
      cameraId: this.cam?.getSettings().deviceId ?? prefs.camera,
    };
  }
}
