/**
 * Presence: which roles of a loop have a connected socket. Joins and departures are
 * coalesced: however many sockets come and go, a loop's presence is worked out and sent
 * at most once per window, so a crowd arriving or leaving costs one message per socket in
 * the room, not one per socket per arrival.
 */
import type { Presence } from '@mockloop/shared/protocol';
import type { Role } from '@mockloop/shared/loop/state';

/** Joins and departures within this window are sent as one presence update. */
export const PRESENCE_COALESCE_MS = 50;

export interface PresenceDeps {
  /** The roles of the sockets in a loop, across every node. */
  rolesIn(loopId: string): Promise<Role[]>;
  /** Sends a loop's presence to every socket in it. */
  send(loopId: string, presence: Presence): void;
  onError(loopId: string, error: Error): void;
}

export class PresenceBroadcaster {
  private readonly due = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(private readonly deps: PresenceDeps) {}

  /** Someone joined or left a loop: its presence goes out with the next batch. */
  changed(loopId: string): void {
    if (this.stopped) return;
    this.due.add(loopId);
    this.timer ??= setTimeout(() => void this.flush(), PRESENCE_COALESCE_MS);
  }

  /** Sends nothing more (the server is closing and every socket is about to leave). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.due.clear();
  }

  private async flush(): Promise<void> {
    this.timer = null;
    const loops = [...this.due];
    this.due.clear();
    await Promise.all(
      loops.map(async (loopId) => {
        try {
          const presence: Presence = { candidate: false, interviewer: false, observer: false };
          for (const role of await this.deps.rolesIn(loopId)) presence[role] = true;
          if (!this.stopped) this.deps.send(loopId, presence);
        } catch (error) {
          this.deps.onError(loopId, error as Error);
        }
      }),
    );
  }
}
