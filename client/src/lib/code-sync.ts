/**
 * The shared code editor's transport: one Yjs document per coding round and question,
 * kept in step with the server's copy over the loop's socket. Local edits are batched,
 * sent, and kept until acknowledged, so edits made offline go out after the reconnect;
 * Yjs applies a repeated update once. Imported only by the lazy editor chunk.
 */
import * as Y from 'yjs';
import type { Ack } from '@mockloop/shared/errors';
import { onWorkspaceEvent, whenConnected, type LoopSocket } from '@/lib/loop-connection';

/** The name of the one shared type in a code document (the server uses the same). */
export const CODE_TEXT = 'code';
const SEND_EVERY_MS = 60;
const ACK_TIMEOUT_MS = 10_000;
/** Marks updates that came from the server, so they are not sent back. */
const REMOTE = Symbol('remote');

export type SharedCodeStatus = 'loading' | 'ready' | 'error';

export class SharedCode {
  readonly doc = new Y.Doc();
  readonly text = this.doc.getText(CODE_TEXT);
  private status: SharedCodeStatus = 'loading';
  private error = '';
  private readonly statusListeners = new Set<() => void>();
  /** Local updates not yet acknowledged by the server, oldest first. */
  private unacked: Uint8Array[] = [];
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private socket: LoopSocket | null = null;
  private readonly stops: (() => void)[] = [];

  constructor(
    readonly round: number,
    readonly questionId: string,
  ) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.unacked.push(update);
      if (this.unacked.length === 1) this.notify();
      this.schedule();
    });
    this.stops.push(
      onWorkspaceEvent('code:edited', (payload) => {
        if (payload.round === round && payload.questionId === questionId)
          Y.applyUpdate(this.doc, new Uint8Array(payload.update), REMOTE);
      }),
      whenConnected((target) => void this.catchUp(target)),
    );
  }

  /** Whether the document loaded, and whether every local edit is stored on the server. */
  get state(): { status: SharedCodeStatus; error: string; saved: boolean } {
    return { status: this.status, error: this.error, saved: this.unacked.length === 0 };
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stops.forEach((stop) => stop());
    this.doc.destroy();
  }

  private setStatus(status: SharedCodeStatus, error = ''): void {
    this.status = status;
    this.error = error;
    this.notify();
  }

  private notify(): void {
    this.statusListeners.forEach((listener) => listener());
  }

  /** After each connect: fetch what the server has that we lack, then resend ours. */
  private async catchUp(target: LoopSocket): Promise<void> {
    this.socket = target;
    let reply: Ack<{ update: Uint8Array }>;
    try {
      reply = await target.timeout(ACK_TIMEOUT_MS).emitWithAck('code:sync', {
        round: this.round,
        questionId: this.questionId,
        stateVector: Y.encodeStateVector(this.doc),
      });
    } catch {
      return; // Disconnected meanwhile: the next connect tries again.
    }
    if (!reply.ok) return this.setStatus('error', reply.error.message);
    Y.applyUpdate(this.doc, new Uint8Array(reply.data.update), REMOTE);
    if (this.status !== 'ready') this.setStatus('ready');
    this.inFlight = 0;
    this.schedule();
  }

  private schedule(): void {
    if (this.timer || this.status !== 'ready') return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, SEND_EVERY_MS);
  }

  /** Sends everything not yet sent as one merged update. */
  private async flush(): Promise<void> {
    const target = this.socket;
    const sending = this.unacked.slice(this.inFlight);
    if (!target?.connected || sending.length === 0) return;
    this.inFlight = this.unacked.length;
    const update = sending.length === 1 ? sending[0]! : Y.mergeUpdates(sending);
    let reply: Ack<Record<string, never>>;
    try {
      reply = await target.timeout(ACK_TIMEOUT_MS).emitWithAck('code:edit', {
        round: this.round,
        questionId: this.questionId,
        update,
      });
    } catch {
      return; // Unacknowledged: resent after the reconnect's catch-up.
    }
    if (target !== this.socket) return;
    if (!reply.ok) return this.setStatus('error', reply.error.message);
    this.unacked = this.unacked.filter((u) => !sending.includes(u));
    this.inFlight = Math.max(0, this.inFlight - sending.length);
    if (this.unacked.length === 0) this.notify();
    if (this.unacked.length > this.inFlight) this.schedule();
  }
}
