/**
 * Same-origin check for browser requests (pure and total: any header value, however
 * malformed, gives an answer instead of an exception).
 *
 * A browser sends `Origin` on cross-site requests and WebSocket upgrades. No Origin at all
 * (curl, the server's own tests) is allowed; an Origin that is not an http(s) URL of this
 * very host (`null` from a sandboxed frame, garbage, another site) is refused.
 */
export function sameOrigin(origin: string | string[] | undefined, host: string | string[] | undefined): boolean {
  if (origin === undefined) return true;
  if (typeof origin !== 'string' || typeof host !== 'string' || host === '') return false;
  if (!URL.canParse(origin)) return false;
  const u = new URL(origin);
  return (u.protocol === 'http:' || u.protocol === 'https:') && u.host === host.toLowerCase();
}
