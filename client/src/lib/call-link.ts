/**
 * One WebRTC connection of the call, with one session of another role. Either side may
 * offer at any time ("perfect negotiation": when offers cross, the polite side gives way,
 * `isPolite` in shared/src/call.ts); the media this side sends is set on the connection's
 * two transceivers, audio and video, in the directions `callDirection` gives. A dropped
 * connection restarts ICE by itself.
 */
import { callDirection, isPolite, type CallSignal } from '@mockloop/shared/call';
import type { Role } from '@mockloop/shared/loop/state';

/** How a connection is doing, as the call shows it. */
export type LinkState = 'connecting' | 'connected' | 'interrupted' | 'unreachable';

/** The tracks this side sends: none while muted, listening only or with the camera off. */
export interface SentTracks {
  audio: MediaStreamTrack | null;
  video: MediaStreamTrack | null;
}

export interface LinkOptions {
  self: Role;
  other: Role;
  /** The other side's call session. */
  session: string;
  iceServers: RTCIceServer[];
  /** Only through a TURN relay: the partner never learns this side's address. */
  relayOnly: boolean;
  send(signal: CallSignal): void;
  /** Something the call shows changed (state, tracks). */
  changed(): void;
}

/** A connection interrupted this long restarts ICE (it often comes back by itself first). */
const RESTART_AFTER_MS = 3_000;
/** A first connection not made in this time counts as unreachable (it keeps trying). */
const REACH_WITHIN_MS = 20_000;
const KINDS = ['audio', 'video'] as const;

/** The fields of a stats report (RTCStats and its kinds) that the call reads. */
export interface StatsEntry {
  type: string;
  kind?: string;
  selectedCandidatePairId?: string;
  localCandidateId?: string;
  candidateType?: string;
  audioLevel?: number;
}

export class CallLink {
  readonly pc: RTCPeerConnection;
  /** What the other side sends, as one stream for a `<video>` or `<audio>` element. */
  readonly remote = new MediaStream();
  state: LinkState = 'connecting';
  /** Whether the connection goes through a TURN relay (known from its stats, `measure`). */
  relayed = false;
  private connectedOnce = false;
  private makingOffer = false;
  private ignoreOffer = false;
  private answerPending = false;
  private inbox: Promise<void> = Promise.resolve();
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private reachTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly options: LinkOptions,
    private tracks: SentTracks,
    /** This side learnt of the other's joining and offers first. */
    initiate: boolean,
  ) {
    const { iceServers, relayOnly, send, changed } = options;
    this.pc = new RTCPeerConnection({
      iceServers,
      iceTransportPolicy: relayOnly ? 'relay' : 'all',
    });
    this.pc.ontrack = ({ track }) => {
      this.remote.addTrack(track);
      track.onmute = track.onunmute = track.onended = changed;
      changed();
    };
    this.pc.onicecandidate = ({ candidate }) => {
      if (candidate?.candidate)
        send({
          kind: 'candidate',
          candidate: candidate.candidate,
          sdpMid: candidate.sdpMid,
          sdpMLineIndex: candidate.sdpMLineIndex,
        });
    };
    this.pc.onnegotiationneeded = () => void this.offer();
    this.pc.onconnectionstatechange = () => this.follow();
    if (initiate) {
      for (const kind of KINDS) this.pc.addTransceiver(kind, { direction: this.direction(kind) });
      this.sendTracks(tracks);
    }
    this.reachTimer = setTimeout(() => {
      if (!this.connectedOnce) this.setState('unreachable');
    }, REACH_WITHIN_MS);
  }

  get session(): string {
    return this.options.session;
  }

  /** Whether the other side's video is coming in. */
  get showsVideo(): boolean {
    return this.remote
      .getVideoTracks()
      .some((track) => !track.muted && track.readyState === 'live');
  }

  /** Handles a signal from the other side, in the order they came. */
  receive(signal: CallSignal): void {
    this.inbox = this.inbox
      .then(() => this.handle(signal))
      .catch((error: unknown) => console.warn('call: a signal could not be applied', error));
  }

  /** Sends these tracks from now on; a camera turned on or off is negotiated again. */
  sendTracks(tracks: SentTracks): void {
    this.tracks = tracks;
    for (const transceiver of this.live()) {
      const kind = transceiver.receiver.track.kind as 'audio' | 'video';
      const direction = this.direction(kind);
      if (transceiver.direction !== direction) transceiver.direction = direction;
      if (direction.startsWith('send')) void transceiver.sender.replaceTrack(tracks[kind]);
    }
  }

  /** Tries again to reach the other side: a fresh set of ICE candidates. */
  restart(): void {
    if (this.closed) return;
    this.pc.restartIce();
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.restartTimer);
    clearTimeout(this.reachTimer);
    this.pc.close();
  }

  private direction(kind: 'audio' | 'video'): RTCRtpTransceiverDirection {
    const { self, other } = this.options;
    // Audio keeps its direction while muted (no track is sent); video follows the camera.
    return callDirection(self, other, kind === 'audio' || this.tracks.video !== null);
  }

  private live(): RTCRtpTransceiver[] {
    return this.pc.getTransceivers().filter((t) => t.currentDirection !== 'stopped');
  }

  private async offer(): Promise<void> {
    try {
      this.makingOffer = true;
      await this.pc.setLocalDescription();
      const local = this.pc.localDescription;
      if (local?.type === 'offer') this.options.send({ kind: 'offer', sdp: local.sdp });
    } catch (error) {
      if (!this.closed) console.warn('call: could not make an offer', error);
    } finally {
      this.makingOffer = false;
    }
  }

  private async handle(signal: CallSignal): Promise<void> {
    if (this.closed) return;
    if (signal.kind === 'candidate') {
      try {
        await this.pc.addIceCandidate(signal);
      } catch (error) {
        // A candidate of an offer this side ignored has nowhere to go.
        if (!this.ignoreOffer) throw error;
      }
      return;
    }
    const ready = !this.makingOffer && (this.pc.signalingState === 'stable' || this.answerPending);
    const crossed = signal.kind === 'offer' && !ready;
    this.ignoreOffer = crossed && !isPolite(this.options.self, this.options.other);
    if (this.ignoreOffer) return;
    this.answerPending = signal.kind === 'answer';
    await this.pc.setRemoteDescription({ type: signal.kind, sdp: signal.sdp });
    this.answerPending = false;
    if (signal.kind !== 'offer') return;
    // Transceivers this side added for an offer it rolled back are left over: the other
    // side's offer brought its own.
    for (const transceiver of this.pc.getTransceivers())
      if (transceiver.mid === null) transceiver.stop();
    this.sendTracks(this.tracks);
    await this.pc.setLocalDescription();
    const answer = this.pc.localDescription;
    if (answer) this.options.send({ kind: 'answer', sdp: answer.sdp });
  }

  private follow(): void {
    clearTimeout(this.restartTimer);
    switch (this.pc.connectionState) {
      case 'connected':
        this.connectedOnce = true;
        clearTimeout(this.reachTimer);
        this.setState('connected');
        return;
      case 'disconnected':
        this.setState('interrupted');
        this.restartTimer = setTimeout(() => this.restart(), RESTART_AFTER_MS);
        return;
      case 'failed':
        this.setState(this.connectedOnce ? 'interrupted' : 'unreachable');
        this.restart();
        return;
      default:
        return;
    }
  }

  private setState(state: LinkState): void {
    if (this.closed || this.state === state) return;
    this.state = state;
    this.options.changed();
  }

  /**
   * Reads the connection's stats: the level of the audio coming in (0–1), and whether the
   * pair of candidates in use goes through a relay on this side (`relayed`).
   */
  async measure(): Promise<number> {
    // A stats report is a map of id → report; read as one (tests type-check without DOM.Iterable).
    const stats = (await this.pc.getStats().catch(() => new Map())) as unknown as ReadonlyMap<
      string,
      StatsEntry
    >;
    let level = 0;
    let pairId: string | undefined;
    for (const report of stats.values()) {
      if (report.type === 'inbound-rtp' && report.kind === 'audio')
        level = Math.max(level, report.audioLevel ?? 0);
      if (report.type === 'transport') pairId = report.selectedCandidatePairId;
    }
    const pair = pairId ? stats.get(pairId) : undefined;
    const relayed = stats.get(pair?.localCandidateId ?? '')?.candidateType === 'relay';
    if (relayed !== this.relayed) {
      this.relayed = relayed;
      this.options.changed();
    }
    return level;
  }
}
