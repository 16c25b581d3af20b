import { z } from 'zod';
import { apiRequest } from '../../kube/api-client.ts';
import { ClusterError } from '../../clusters/errors.ts';
import { RBAC, type ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  as: z.union([z.literal('anonymous'), z.strictObject({ serviceAccount: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'NAMESPACE/NAME') })]),
  method: z.enum(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']).default('GET'),
  path: z.string().startsWith('/'),
  expect: z.union([z.number().int(), z.array(z.number().int()).min(1)]).describe('HTTP status, or any of a list'),
});
type Spec = z.infer<typeof schema>;

/** A raw HTTPS request to the API server, as anonymous or with a service account's token. */
export const request: ProbeKind<Spec> = {
  schema,
  watches: () => RBAC,
  polls: true, // anonymous-auth and other flags change with the API server, not with objects
  async evaluate(ctx, s) {
    const headers: Record<string, string> = {};
    let who = 'anonymous';
    if (s.as !== 'anonymous') {
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
    const res = await apiRequest(ctx.anonymous, s.method, onePage(s.method, s.path), undefined, 5000, { headers, discardBody: true });
    if (res.status === 0) throw new ClusterError('no answer from the API server', 'check that the API server is up');
    const expected = Array.isArray(s.expect) ? s.expect : [s.expect];
    const line = `${who} ${s.method} ${s.path} gets HTTP ${res.status}`;
    return expected.includes(res.status) ? { ok: true, detail: line } : { ok: false, detail: `${line}; expected ${expected.join(' or ')}` };
  },
};

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
