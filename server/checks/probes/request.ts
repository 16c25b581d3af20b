import { createHash } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import { z } from 'zod';
import { apiRequest } from '../../kube/api-client.ts';
import { ClusterError } from '../../clusters/errors.ts';
import { RBAC, type ProbeContext, type ProbeKind } from '../probe.ts';

const NS_NAME = /^[a-z0-9-]+\/[a-z0-9.-]+$/;
const schema = z.strictObject({
  as: z.union([
    z.literal('anonymous'),
    z.strictObject({ serviceAccount: z.string().regex(NS_NAME, 'NAMESPACE/NAME') }).describe('a fresh token of this service account'),
    z.strictObject({ token: z.string().min(8).max(4096) }).describe('this bearer token, e.g. one from a static token file'),
    z
      .strictObject({ tokenFrom: z.strictObject({ secret: z.string().regex(NS_NAME, 'NAMESPACE/NAME'), key: z.string().default('token') }) })
      .describe('the token an attacker copied from this Secret: the first one seen in it, still tested after the Secret is deleted or its value replaced'),
  ]),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  path: z.string().startsWith('/'),
  expect: z.union([z.number().int(), z.array(z.number().int()).min(1)]).describe('HTTP status, or any of a list'),
});
type Spec = z.infer<typeof schema>;

/** A raw HTTPS request to the API server: as anonymous, with a service account's fresh
 * token, with a fixed token, or with a token copied from a Secret. */
export const request: ProbeKind<Spec> = {
  schema,
  watches: (s) => (typeof s.as === 'object' && 'tokenFrom' in s.as ? [...RBAC, { apiVersion: 'v1', kind: 'Secret', namespace: s.as.tokenFrom.secret.split('/')[0] }] : RBAC),
  polls: true, // anonymous-auth and other flags change with the API server, not with objects
  async evaluate(ctx, s) {
    const headers: Record<string, string> = {};
    let who = 'anonymous';
    if (typeof s.as === 'object' && 'token' in s.as) {
      who = 'the static token';
      headers.authorization = `Bearer ${s.as.token}`;
    } else if (typeof s.as === 'object' && 'tokenFrom' in s.as) {
      const { secret, key } = s.as.tokenFrom;
      who = `the token copied from Secret ${secret}`;
      const token = await copiedToken(ctx, secret, key);
      if (token === undefined) return { ok: false, detail: `Secret ${secret} holds no ${key}, and no token was ever seen in it` };
      headers.authorization = `Bearer ${token}`;
    } else if (s.as !== 'anonymous') {
      const [ns, name] = s.as.serviceAccount.split('/') as [string, string];
      who = `system:serviceaccount:${ns}:${name}`;
      const tr = await ctx.kube.request('POST', `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`, {
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
      });
      if (tr.status === 404) return { ok: false, detail: `service account ${s.as.serviceAccount} does not exist` };
      if (tr.status !== 201) throw new ClusterError(`TokenRequest for ${s.as.serviceAccount} failed: HTTP ${tr.status}`, 'check that the API server is up');
      headers.authorization = `Bearer ${tr.json<{ status: { token: string } }>().status.token}`;
    }
    // only the status code counts: the body is never kept
    const res = await apiRequest(ctx.anonymous, s.method, onePage(s.method, s.path), undefined, 15_000, { headers, discardBody: true });
    if (res.status === 0) throw new ClusterError('no answer from the API server', 'check that the API server is up');
    const expected = Array.isArray(s.expect) ? s.expect : [s.expect];
    const line = `${who} ${s.method} ${s.path} gets HTTP ${res.status}`;
    const attack = { request: `${s.method} ${s.path} as ${who}`, response: statusMeaning(res.status) };
    return expected.includes(res.status) ? { ok: true, detail: line, attack } : { ok: false, detail: `${line}; expected ${expected.join(' or ')}`, attack };
  },
};

/** An HTTP status as a learner reads it in an attack transcript. Pure. */
export function statusMeaning(status: number): string {
  const text = `HTTP ${status}${STATUS_CODES[status] ? ` ${STATUS_CODES[status]}` : ''}`;
  if (status >= 200 && status < 300) return `${text}: the request succeeds`;
  if (status === 401) return `${text}: the credentials are not accepted`;
  if (status === 403) return `${text}: authenticated, but not authorized`;
  if (status === 404) return `${text}: there is no such path or object`;
  return text;
}

/** The first token seen in each Secret, per cluster (its CA): the one the attacker copied.
 * It stays the token to test after the Secret is deleted or its value replaced (neither
 * revokes what was copied). Bounded: the least recently used Secrets are forgotten first,
 * and a value larger than any token is not kept. */
const seen = new Map<string, string>();
const SEEN_MAX = 2000;
/** A service-account JWT is about 1 KiB; a larger value is no token an API server accepts. */
export const MAX_TOKEN_BYTES = 16 * 1024;

async function copiedToken(ctx: ProbeContext, secret: string, key: string): Promise<string | undefined> {
  const [ns, name] = secret.split('/') as [string, string];
  const id = `${createHash('sha256').update(ctx.anonymous.caPem).digest('hex')}|${secret}|${key}`;
  let token = seen.get(id);
  if (token === undefined) {
    const s = await ctx.kube.get<{ data?: Record<string, string> }>('v1', 'Secret', ns, name);
    const value = s?.data?.[key];
    const decoded = value !== undefined && value.length <= Math.ceil(MAX_TOKEN_BYTES / 3) * 4 ? Buffer.from(value, 'base64').toString('utf8').trim() : '';
    if (decoded) token = decoded;
  }
  if (token === undefined) return undefined;
  seen.delete(id);
  seen.set(id, token);
  while (seen.size > SEEN_MAX) seen.delete(seen.keys().next().value!);
  return token;
}

/** The path to request: a GET of a collection asks for one object (`limit=1`), which earns
 * the same status code as the whole collection would, without the API server reading it
 * all. The API server ignores `limit` where nothing is listed (/version, /readyz, one object). */
export function onePage(method: string, path: string): string {
  if (method !== 'GET') return path;
  const q = path.indexOf('?');
  const params = new URLSearchParams(q < 0 ? '' : path.slice(q + 1));
  if (params.has('limit') || params.has('watch')) return path;
  return `${path}${q < 0 ? '?' : '&'}limit=1`;
}
