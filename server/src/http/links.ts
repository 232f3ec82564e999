/**
 * The links handed out for a loop. With PUBLIC_URL they start with it; without, with the
 * scheme and host the request came in on — checked, since both are the client's to say
 * (the scheme through X-Forwarded-Proto from a trusted proxy, the host in Host).
 */
const HOST =
  /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]{2,45}\])(?::\d{1,5})?$/;

/** The origin links start with, or null when the request's host cannot be one. */
export function linkBase(
  publicUrl: string | undefined,
  request: { protocol: string; host: string | undefined },
): string | null {
  if (publicUrl) return publicUrl;
  const { host } = request;
  if (!host || host.length > 260 || !HOST.test(host)) return null;
  const scheme = request.protocol === 'https' ? 'https' : 'http';
  return `${scheme}://${host}`;
}

/** The link a role opens: the token rides in the fragment, which never reaches a server log. */
export function loopLink(base: string, loopId: string, token: string): string {
  return `${base}/loop/${encodeURIComponent(loopId)}#token=${encodeURIComponent(token)}`;
}
