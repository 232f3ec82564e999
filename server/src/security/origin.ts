/**
 * Cross-site WebSocket hijacking guard: a browser always sends Origin on a WebSocket
 * upgrade, so one from another site is refused. Clients without Origin (scripts, the
 * tests) carry a capability token anyway. Behind a proxy that rewrites Host, list the
 * public origin in PUBLIC_URL.
 */
import type { IncomingMessage } from 'node:http';

export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  if (allowed.includes(origin)) return true;
  const host = req.headers.host;
  if (!host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
