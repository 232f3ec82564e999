/**
 * The document plane on the client: one Yjs document per thing people type in — a round's
 * notes, the private notes, a STAR answer, the code (`shared/src/docs.ts` names them) —
 * kept in step with the server's copy over the loop's socket. Local edits are batched,
 * sent, and kept until acknowledged, so edits made offline go out after the reconnect;
 * Yjs applies a repeated update once. Loaded lazily (`use-shared-doc.ts`), with Yjs.
 */
import * as Y from 'yjs';
import { DOC_TEXTS, sameDoc, type DocRef } from '@mockloop/shared/docs';
import type { Ack } from '@mockloop/shared/errors';
import { onServerEvent, whenConnected, type LoopSocket } from '@/lib/loop-connection';
import { textEdit } from '@/lib/text-edit';

const SEND_EVERY_MS = 60;
/**
 * Most bytes of updates sent in one message, under the server's cap on one update
 * (`DOC_UPDATE_MAX_BYTES`, 32 KB); a longer paste goes out as several.
 */
const SEND_MAX_BYTES = 24 * 1024;
/** Characters inserted per update: at most 3 bytes each in UTF-8, well within a message. */
const INSERT_CHUNK_CHARS = 4_000;
const ACK_TIMEOUT_MS = 10_000;
/** Marks updates that came from the server, so they are not sent back. */
const REMOTE = Symbol('remote');

export type SharedDocStatus = 'loading' | 'ready' | 'error';

export interface SharedDocState {
  status: SharedDocStatus;
  error: string;
  /** Whether every local edit is stored on the server. */
  saved: boolean;
}

/** A place in a text that moves with the edits around it (a caret, a selection end). */
export type TextAnchor = Y.RelativePosition;

export class SharedDoc {
  readonly doc = new Y.Doc();
  private status: SharedDocStatus = 'loading';
  private error = '';
  private readonly statusListeners = new Set<() => void>();
  /** Local updates not yet acknowledged by the server, oldest first. */
  private unacked: Uint8Array[] = [];
  private inFlight = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private socket: LoopSocket | null = null;
  private readonly stops: (() => void)[] = [];
  private snapshot: SharedDocState = { status: 'loading', error: '', saved: true };

  constructor(readonly ref: DocRef) {
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === REMOTE) return;
      this.unacked.push(update);
      if (this.unacked.length === 1) this.notify();
      this.schedule();
    });
    this.stops.push(
      onServerEvent('doc:edited', (payload) => {
        if (sameDoc(payload.doc, ref))
          Y.applyUpdate(this.doc, new Uint8Array(payload.update), REMOTE);
      }),
      whenConnected((target) => void this.catchUp(target)),
    );
  }

  /** One of the document's texts (`DOC_TEXTS` names them) as a Yjs type, for editors. */
  text(name: string): Y.Text {
    return this.doc.getText(name);
  }

  /** Every text of the document, by name. */
  texts(): Record<string, string> {
    return Object.fromEntries(
      DOC_TEXTS[this.ref.kind].map((name) => [name, this.doc.getText(name).toString()]),
    );
  }

  /**
   * Makes a text read `next` by the smallest edit that gets there, so that what others
   * type meanwhile elsewhere in it is kept. `caret`, where the cursor now is, decides
   * between equally small edits (typing a letter after the same letter).
   */
  write(name: string, next: string, caret?: number): void {
    const text = this.doc.getText(name);
    const { index, remove, insert } = textEdit(text.toString(), next, caret);
    if (remove) text.delete(index, remove);
    // A long paste becomes several updates, each small enough to send on its own.
    for (let at = 0; at < insert.length; at += INSERT_CHUNK_CHARS)
      text.insert(index + at, insert.slice(at, at + INSERT_CHUNK_CHARS));
  }

  /** Several texts at once (a story told from the bank fills every field). */
  writeAll(texts: Record<string, string>): void {
    for (const [name, next] of Object.entries(texts)) this.write(name, next);
  }

  /** An anchor at `index` of a text, to find the same place after others' edits. */
  anchor(name: string, index: number): TextAnchor {
    return Y.createRelativePositionFromTypeIndex(this.doc.getText(name), index);
  }

  /** Where an anchor is now, or null if its text is gone. */
  indexOf(anchor: TextAnchor): number | null {
    return Y.createAbsolutePositionFromRelativePosition(anchor, this.doc)?.index ?? null;
  }

  /** Called after every change to the texts, local or remote. Returns an unsubscribe. */
  onChange(listener: () => void): () => void {
    const handler = () => listener();
    this.doc.on('afterTransaction', handler);
    return () => this.doc.off('afterTransaction', handler);
  }

  /** Whether the document loaded, and whether every local edit is stored on the server. */
  get state(): SharedDocState {
    const saved = this.unacked.length === 0;
    const { snapshot } = this;
    // The same object while nothing changed, for React's external stores.
    if (
      snapshot.status !== this.status ||
      snapshot.error !== this.error ||
      snapshot.saved !== saved
    )
      this.snapshot = { status: this.status, error: this.error, saved };
    return this.snapshot;
  }

  onStatus(listener: () => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.stops.forEach((stop) => stop());
    this.statusListeners.clear();
    this.doc.destroy();
  }

  private setStatus(status: SharedDocStatus, error = ''): void {
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
      reply = await target.timeout(ACK_TIMEOUT_MS).emitWithAck('doc:sync', {
        doc: this.ref,
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

  /** Sends what is not yet sent as one merged update, up to `SEND_MAX_BYTES` of it. */
  private async flush(): Promise<void> {
    const target = this.socket;
    const sending: Uint8Array[] = [];
    let bytes = 0;
    for (const update of this.unacked.slice(this.inFlight)) {
      if (sending.length && bytes + update.byteLength > SEND_MAX_BYTES) break;
      sending.push(update);
      bytes += update.byteLength;
    }
    if (!target?.connected || sending.length === 0) return;
    this.inFlight += sending.length;
    const update = sending.length === 1 ? sending[0]! : Y.mergeUpdates(sending);
    let reply: Ack<Record<string, never>>;
    try {
      reply = await target
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck('doc:edit', { doc: this.ref, update });
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
