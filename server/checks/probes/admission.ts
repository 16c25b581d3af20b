import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import { CLIENTS } from '../../clusters/pki.ts';
import type { Impersonation, KubeClient, KubeObject } from '../../kube/kube-client.ts';
import { excerpt, impliedGroups, type ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  as: z.string().optional().describe('user or system:serviceaccount:NS:NAME to create it as (default: the cluster admin)'),
  groups: z.array(z.string()).optional(),
  manifest: z
    .looseObject({ apiVersion: z.string(), kind: z.string(), metadata: z.looseObject({ name: z.string(), namespace: z.string().optional() }) })
    .describe('the object to create; in its strings, $(random) becomes fresh lower-case letters at each evaluation'),
  expect: z.enum(['admitted', 'rejected']),
  message: z.string().optional().describe('a rejection must contain this text, e.g. violates PodSecurity'),
  mode: z.enum(['dry-run', 'create']).default('dry-run').describe('create: really create it (under a fresh name, deleted at once when admitted), as an attacker would; a policy that only bites on dry-runs cannot fool it'),
});
type Spec = z.infer<typeof schema>;

/** Would the API server admit this manifest from this identity? A server-side dry-run
 * create: authorization, Pod Security Admission, ValidatingAdmissionPolicy and webhooks
 * all run, and nothing is stored. With `mode: create` the object is really created, under
 * a fresh name each time, and deleted at once if it was admitted.
 *
 * The learner owns the cluster and may write policies that single out the checker's
 * requests; so the request looks like the identity's own (see `identity`), and what a
 * create leaves behind is removed before anything else is created (see `sweep`). */
export const admission: ProbeKind<Spec> = {
  schema,
  watches: (s) => [
    { apiVersion: 'v1', kind: 'Namespace' },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicy' },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingAdmissionPolicyBinding' },
    { apiVersion: 'admissionregistration.k8s.io/v1', kind: 'ValidatingWebhookConfiguration' },
    ...(s.as ? [{ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding' }, { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding' }] : []),
  ],
  async evaluate(ctx, s) {
    const kube = ctx.kube;
    const asked = withFreshValues(s.manifest) as KubeObject;
    const real = s.mode === 'create';
    if (real) await sweep(kube);
    const obj = real ? { ...asked, metadata: { ...asked.metadata, name: `${asked.metadata.name.slice(0, 40)}-${randomBytes(4).toString('hex')}` } } : asked;
    const namespaced = await kube.isNamespaced(obj.apiVersion, obj.kind);
    const namespace = namespaced ? (obj.metadata.namespace ?? 'default') : undefined;
    const collection = await kube.path(obj.apiVersion, obj.kind, namespace);
    const what = `${real ? 'a real ' : ''}${obj.kind} ${obj.metadata.namespace ? `${obj.metadata.namespace}/` : ''}${asked.metadata.name}${s.as ? ` from ${s.as}` : ''}`;
    const who = await identity(kube, s);
    // What a create that did not answer may still store (the API server gives up on a
    // request whose client left, but not always at once) is looked for in later sweeps.
    const maybe = () => remember(kube, { path: `${collection}/${encodeURIComponent(obj.metadata.name)}`, what: `the ${obj.kind} ${namespace ? `${namespace}/` : ''}${obj.metadata.name}`, until: Date.now() + MAYBE_STORED_MS });
    let res;
    try {
      res = await kube.request('POST', `${collection}${real ? '' : '?dryRun=All'}`, { body: obj, as: who.as, headers: who.headers });
    } catch (e) {
      if (real) maybe();
      throw e;
    }
    if (res.status >= 500 || res.status === 0) {
      if (real) maybe();
      throw new ClusterError(`${real ? 'create' : 'dry-run create'} failed: HTTP ${res.status}`, 'check that the API server is up');
    }
    if (real && (res.status === 200 || res.status === 201)) {
      // delete what was stored, by the name and uid the API server answered with (admission
      // may have changed them), and see it gone
      const stored = safeJson(res.body) as { metadata?: { name?: string; uid?: string } } | undefined;
      const name = stored?.metadata?.name ?? obj.metadata.name;
      const made: Leftover = { path: `${collection}/${encodeURIComponent(name)}`, what: `the ${obj.kind} ${namespace ? `${namespace}/` : ''}${name}`, uid: stored?.metadata?.uid, until: 0 };
      remember(kube, made);
      await sweep(kube);
    }
    const admitted = res.status === 200 || res.status === 201 || res.status === 409; // 409: an object of that name exists, admission passed
    const message = admitted ? '' : (safeJson(res.body)?.message ?? res.body.slice(0, 300));
    if (s.expect === 'rejected') {
      const attack = {
        request: `${real ? 'create' : 'create (server-side dry run)'} ${asked.kind} ${namespace ? `${namespace}/` : ''}${asked.metadata.name} as ${s.as ?? 'the cluster admin'}`,
        response: `HTTP ${res.status}: ${admitted ? (res.status === 409 ? 'admitted (an object of that name exists)' : 'admitted') : `rejected: ${excerpt(message)}`}`,
      };
      if (admitted) return { ok: false, detail: `the API server still admits ${what}: nothing rejects it`, attack };
      if (s.message && !message.includes(s.message)) return { ok: false, detail: `${what} is rejected, but not for the expected reason ("${s.message}"): ${message}`, attack };
      return { ok: true, detail: `the API server rejects ${what}: ${message}`, attack };
    }
    return admitted ? { ok: true, detail: `the API server admits ${what}, as it should` } : { ok: false, detail: `the API server now rejects ${what}, which must keep working: ${message}` };
  },
};

/**
 * The headers of a request made as the probe's identity, shaped like that identity's own
 * requests, so that a policy cannot refuse the checker alone: with no `as`, the cluster
 * admin the learner is (never the checker's own user); a credential id as the API server
 * gives every client certificate and service-account token (a random one: a policy cannot
 * check it); for a service account, its uid, as its tokens carry.
 */
async function identity(kube: KubeClient, s: Spec): Promise<{ as: Impersonation; headers: Record<string, string> }> {
  const user = s.as ?? CLIENTS.learner.cn;
  const as = { user, groups: s.as ? impliedGroups(s.as, s.groups) : impliedGroups(user, CLIENTS.learner.groups) };
  const headers: Record<string, string> = {};
  if (user === 'system:anonymous') return { as, headers };
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(user);
  headers[`impersonate-extra-${encodeURIComponent('authentication.kubernetes.io/credential-id')}`] = sa ? `JTI=${randomUUID()}` : `X509SHA256=${randomBytes(32).toString('hex')}`;
  if (sa) {
    const account = await kube.get<{ metadata: { uid?: string } }>('v1', 'ServiceAccount', sa[1]!, sa[2]!).catch(() => undefined);
    if (account?.metadata.uid) headers['impersonate-uid'] = account.metadata.uid;
  }
  return { as, headers };
}

/** An object a real create stored (or may have stored) that is not known to be gone. */
interface Leftover {
  path: string;
  what: string;
  /** Unknown when the create did not answer. */
  uid?: string;
  /** Without a uid: until when an absent object may still appear. */
  until: number;
}

/** A create that did not answer may still be stored this long after (the API server allows
 * a create 34 s, webhooks included). */
const MAYBE_STORED_MS = 60_000;
/** Per cluster client: what the checker created and has not seen gone. */
const LEFTOVERS = new WeakMap<KubeClient, Map<string, Leftover>>();

function remember(kube: KubeClient, l: Leftover): void {
  let m = LEFTOVERS.get(kube);
  if (!m) LEFTOVERS.set(kube, (m = new Map()));
  m.set(l.path, l);
}

/** Removes what earlier creates left; throws (the probe cannot answer, and creates nothing
 * more) while something cannot be removed, so that a learner who blocks the checker's
 * deletes gets at most one object per probe, and no verdict. */
async function sweep(kube: KubeClient): Promise<void> {
  const m = LEFTOVERS.get(kube);
  if (!m) return;
  for (const l of [...m.values()]) {
    const why = await removeObject(kube, l);
    if (why === undefined) {
      if (l.uid !== undefined || Date.now() > l.until) m.delete(l.path);
      continue;
    }
    throw new ClusterError(
      `the checker could not remove ${l.what}, which it created to test admission: ${why}`,
      'let the checker delete what it creates: remove the admission policy or webhook that refuses its deletes, or the finalizer that keeps the object',
    );
  }
}

/** Deletes the object if it is still the one created; undefined once it is gone, else why not. */
async function removeObject(kube: KubeClient, l: Leftover): Promise<string | undefined> {
  const current = async (): Promise<{ gone: true } | { gone: false; uid?: string; finalizers?: string[] } | { error: string }> => {
    const got = await kube.request('GET', l.path);
    if (got.status === 404) return { gone: true };
    if (got.status !== 200) return { error: `reading it answers HTTP ${got.status}` };
    const o = safeJson(got.body) as { metadata?: { uid?: string; finalizers?: string[] } } | undefined;
    if (l.uid !== undefined && o?.metadata?.uid !== l.uid) return { gone: true }; // another object of that name now
    return { gone: false, uid: o?.metadata?.uid, finalizers: o?.metadata?.finalizers };
  };
  const before = await current();
  if ('error' in before) return before.error;
  if (before.gone) return undefined;
  l.uid ??= before.uid;
  const del = await kube.request('DELETE', `${l.path}?gracePeriodSeconds=0`, { body: { apiVersion: 'v1', kind: 'DeleteOptions', gracePeriodSeconds: 0, ...(l.uid ? { preconditions: { uid: l.uid } } : {}) } });
  if (del.status === 404 || del.status === 409) return undefined; // gone, or (409) replaced by another object
  if (del.status !== 200 && del.status !== 202) return `deleting it answers HTTP ${del.status}: ${(safeJson(del.body)?.message ?? del.body).slice(0, 300)}`;
  const after = await current();
  if ('error' in after) return after.error;
  if (after.gone) return undefined;
  return after.finalizers?.length ? `it stays, held by the finalizers ${after.finalizers.join(', ')}` : 'it is still there after its deletion';
}

function safeJson(text: string): { message?: string } | undefined {
  try {
    return JSON.parse(text) as { message?: string };
  } catch {
    return undefined;
  }
}

/** In the manifest's strings, `$(random)` becomes fresh lower-case letters at each
 * evaluation: an attack image such as docker.io/$(random)/$(random):latest cannot be
 * refused by a deny-list of the names a learner saw. Pure but for the randomness. */
export function withFreshValues<T>(value: T): T {
  if (typeof value === 'string') return value.replace(/\$\(random\)/g, () => freshName()) as T;
  if (Array.isArray(value)) return value.map((v) => withFreshValues(v)) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withFreshValues(v)])) as T;
  return value;
}

function freshName(): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from(randomBytes(8), (b) => letters[b % letters.length]).join('');
}
