/**
 * Commands not yet acknowledged. Each keeps its command id; after a reconnect they are
 * sent again in order, and the server applies each id once.
 */
export interface OutboxEntry<A> {
  name: string;
  payload: { commandId: string } & Record<string, unknown>;
  resolve(ack: A): void;
}

export type Transmit<A> = (
  name: string,
  payload: OutboxEntry<A>['payload'],
  onAck: (ack: A) => void,
) => void;

export class Outbox<A> {
  private readonly pending = new Map<string, OutboxEntry<A>>();

  constructor(private readonly transmit: Transmit<A>) {}

  /** Queues a command and sends it now when `connected`; resolves with its first ack. */
  send(name: string, payload: OutboxEntry<A>['payload'], connected: boolean): Promise<A> {
    return new Promise((resolve) => {
      const entry: OutboxEntry<A> = { name, payload, resolve };
      this.pending.set(payload.commandId, entry);
      if (connected) this.emit(entry);
    });
  }

  /** Sends every unacknowledged command again, oldest first (call after reconnecting). */
  flush(): void {
    for (const entry of this.pending.values()) this.emit(entry);
  }

  get size(): number {
    return this.pending.size;
  }

  private emit(entry: OutboxEntry<A>): void {
    this.transmit(entry.name, entry.payload, (ack) => {
      if (this.pending.get(entry.payload.commandId) !== entry) return;
      this.pending.delete(entry.payload.commandId);
      entry.resolve(ack);
    });
  }
}
