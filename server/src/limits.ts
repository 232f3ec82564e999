/**
 * The caps and quotas an operator may set (README, "Limits"). Rate limits, payload sizes
 * and whiteboard caps are fixed and live beside the code they guard.
 */
import { DEFAULT_QUOTAS, type QuotaLimits } from './quotas';
import { DEFAULT_SOCKET_CAPS, type SocketCapLimits } from './transport/socket-caps';

export interface Limits {
  /** Live sockets per role of one loop and per client address, on each node. */
  sockets: SocketCapLimits;
  /** Storage per loop and in all, and loops per address per day. */
  quotas: QuotaLimits;
}

export const DEFAULT_LIMITS: Limits = {
  sockets: DEFAULT_SOCKET_CAPS,
  quotas: DEFAULT_QUOTAS,
};
