/**
 * The ICE servers a browser is given when it joins a loop's call: STUN to learn its public
 * address, and TURN to relay the call when the two partners cannot reach each other
 * directly (most networks behind strict NATs or firewalls). TURN credentials are made per
 * session and expire: the "TURN REST API" scheme, which coturn implements with
 * `use-auth-secret` and `static-auth-secret`: the username is `<expiry>:<id>` (expiry in
 * Unix seconds) and the password is base64(HMAC-SHA1(secret, username)), so the TURN server
 * checks them with the shared secret alone and the server keeps no list of users.
 */
import { createHmac } from 'node:crypto';

export interface IceConfig {
  /** `stun:` URLs, handed out as they are. */
  stunUrls: string[];
  /** `turn:` / `turns:` URLs; used only with a secret. */
  turnUrls: string[];
  /** The secret shared with the TURN server (coturn's `static-auth-secret`). */
  turnSecret: string | undefined;
  /** How long a TURN credential is valid, in seconds. */
  turnTtlSeconds: number;
}

/** As RTCIceServer in the browser. */
export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

export const DEFAULT_TURN_TTL_SECONDS = 6 * 60 * 60;

/** The time-limited TURN credential for `id` (what coturn's use-auth-secret checks). */
export function turnCredential(
  secret: string,
  id: string,
  expiresAt: number,
): { username: string; credential: string } {
  const username = `${Math.floor(expiresAt / 1000)}:${id}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

/** The ICE servers for one session of the call, `id` naming it in the TURN server's logs. */
export function iceServersFor(config: IceConfig, id: string, now: number): IceServer[] {
  const servers: IceServer[] = [];
  if (config.stunUrls.length) servers.push({ urls: config.stunUrls });
  if (config.turnUrls.length && config.turnSecret)
    servers.push({
      urls: config.turnUrls,
      ...turnCredential(config.turnSecret, id, now + config.turnTtlSeconds * 1000),
    });
  return servers;
}
