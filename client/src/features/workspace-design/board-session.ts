/**
 * One client's side of a shared whiteboard, between the editor and the transport: sends
 * local changes at most every SEND_EVERY_MS, puts other participants' changes into the
 * scene without echoing them, and retries what the server did not store. Knows neither
 * Excalidraw nor Socket.IO, so it is tested with fakes.
 */
import type { BoardElement } from '@mockloop/shared/board';
import { BoardLedger, chunked } from './board-ledger';

/** Local changes are gathered this long before they are sent. */
export const SEND_EVERY_MS = 80;
/** After a refused or failed send, the first retry waits this long, then twice as long… */
export const FIRST_RETRY_MS = 2_000;
/** …up to this. */
export const MAX_RETRY_MS = 30_000;

/** Whether local changes are stored: being sent, or the last send failed (a retry is due). */
export type BoardSyncStatus = 'saved' | 'saving' | 'error';

/** The editor, as the session sees it. */
export interface BoardScene<E extends BoardElement> {
  /** Every element of the scene, deleted ones included. */
  elements(): readonly E[];
  /** Puts copies received from the server into the scene (not as an undoable step). */
  apply(elements: E[]): void;
}

export interface BoardSessionOptions<E extends BoardElement> {
  /** Sends elements; resolves true once the server stored them. */
  send(elements: E[]): Promise<boolean>;
  /** Told whenever the status of local changes moves. */
  onStatus?(status: BoardSyncStatus): void;
}

export class BoardSession<E extends BoardElement> {
  private readonly ledger = new BoardLedger();
  private scene: BoardScene<E> | null = null;
  /** Received before the editor was ready. */
  private pending: E[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryMs = FIRST_RETRY_MS;
  private sending = 0;
  private failed = false;
  private disposed = false;

  constructor(private readonly options: BoardSessionOptions<E>) {}

  /** The elements the editor starts with, as loaded from the server. */
  seed(elements: readonly BoardElement[]): void {
    this.ledger.record(elements);
  }

  /** The editor is ready: copies received while it loaded go in now. */
  attach(scene: BoardScene<E>): void {
    this.scene = scene;
    const pending = this.pending;
    this.pending = [];
    if (pending.length > 0) this.receive(pending);
  }

  /** Elements from the server (another participant's change, or a reload after a reconnect). */
  receive(elements: readonly E[]): void {
    if (this.disposed) return;
    if (!this.scene) {
      this.pending.push(...elements);
      return;
    }
    const winners = this.ledger.receive(elements, this.scene.elements());
    if (winners.length > 0) this.scene.apply(winners);
  }

  /** The scene changed (the editor reports every render): schedules a send. */
  changed(): void {
    if (this.disposed || this.timer !== undefined) return;
    this.timer = setTimeout(() => void this.flush(), SEND_EVERY_MS);
  }

  /** Sends the local changes now; resolves once the server answered. */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.disposed || !this.scene) return;
    const changes = this.ledger.changes(this.scene.elements());
    if (changes.length === 0) return;
    // Recorded before the answer, so that the next flush sends only what changed since.
    const undo = this.ledger.record(changes);
    this.sending++;
    this.report();
    const stored = await Promise.all(
      chunked(changes).map((chunk) => this.options.send(chunk).catch(() => false)),
    );
    this.sending--;
    if (this.disposed) return;
    if (stored.every(Boolean)) {
      this.failed = false;
      this.retryMs = FIRST_RETRY_MS;
    } else {
      // Simplest correct undo: every chunk's copies count as unsent again (a resend is harmless).
      this.ledger.undo(undo);
      this.failed = true;
      const wait = this.retryMs;
      this.retryMs = Math.min(this.retryMs * 2, MAX_RETRY_MS);
      this.timer = setTimeout(() => void this.flush(), wait);
    }
    this.report();
  }

  /** Stops sending and receiving. */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private report(): void {
    const status: BoardSyncStatus = this.sending > 0 ? 'saving' : this.failed ? 'error' : 'saved';
    this.options.onStatus?.(status);
  }
}
