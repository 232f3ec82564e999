/**
 * Caps on live sockets, counted on this node: per role of a loop, and per client address.
 * A socket takes its places when its handshake is accepted and gives them back once, when
 * it disconnects or its connection closes, whichever comes first.
 */
import type { Role } from '@mockloop/shared/loop/state';

export interface SocketCapLimits {
  /** Live sockets one role of one loop may have on this node. */
  perRole: number;
  /** Live sockets one client address may have on this node. */
  perAddress: number;
}

export const DEFAULT_SOCKET_CAPS: SocketCapLimits = { perRole: 8, perAddress: 64 };

export class SocketCaps {
  private readonly counts = new Map<string, number>();

  constructor(private readonly limits: SocketCapLimits) {}

  /**
   * Takes a place for a socket, or says why not. The place's `release` gives it back and
   * does nothing after its first call.
   */
  admit(
    loopId: string,
    role: Role,
    address: string,
  ): { ok: true; place: SocketPlace } | { ok: false; message: string } {
    const roleKey = `r:${loopId}:${role}`;
    const addressKey = `a:${address}`;
    if ((this.counts.get(roleKey) ?? 0) >= this.limits.perRole)
      return {
        ok: false,
        message: `limit-reached: the ${role} of this loop already has ${this.limits.perRole} open ${this.limits.perRole === 1 ? 'connection' : 'connections'}; close another tab or device and try again`,
      };
    if ((this.counts.get(addressKey) ?? 0) >= this.limits.perAddress)
      return {
        ok: false,
        message: `limit-reached: ${this.limits.perAddress} connections are already open from your address; close some and try again`,
      };
    this.add(roleKey, 1);
    this.add(addressKey, 1);
    return { ok: true, place: new SocketPlace(this, roleKey, addressKey) };
  }

  /** How many roles and addresses hold places: none once every socket has left. */
  size(): number {
    return this.counts.size;
  }

  /** Counts `delta` more sockets under `key` (a role of a loop, or an address). */
  add(key: string, delta: number): void {
    const next = (this.counts.get(key) ?? 0) + delta;
    if (next > 0) this.counts.set(key, next);
    else this.counts.delete(key);
  }
}

/**
 * A socket's places under the caps. A plain object rather than a closure: thousands of
 * sockets hold one each.
 */
export class SocketPlace {
  private released = false;

  constructor(
    private readonly caps: SocketCaps,
    private readonly roleKey: string,
    private readonly addressKey: string,
  ) {}

  /** Gives the places back, once. */
  release(): void {
    if (this.released) return;
    this.released = true;
    this.caps.add(this.roleKey, -1);
    this.caps.add(this.addressKey, -1);
  }
}
