import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import { apiRequest } from '../../kube/api-client.ts';
import { readLearnerFile, type LearnerRead } from '../../host/learner-files.ts';
import type { ProbeKind } from '../probe.ts';

const LOG_DIR = '/var/log/kubernetes/';
/** The most of the audit log the checker reads at once; a larger file is not read. */
export const MAX_AUDIT_LOG_BYTES = 16 * 1024 * 1024;
const LEVELS = ['None', 'Metadata', 'Request', 'RequestResponse'] as const;
type Level = (typeof LEVELS)[number];

const schema = z.strictObject({
  path: z
    .string()
    .refine((p) => p.startsWith(LOG_DIR) && path.posix.normalize(p) === p && !p.endsWith('/'), { error: `the audit log file, under ${LOG_DIR}` })
    .describe('the audit log file as the node sees it, e.g. /var/log/kubernetes/audit/audit.log'),
  do: z
    .strictObject({
      as: z.strictObject({ serviceAccount: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'NAMESPACE/NAME') }).optional().describe('with a token of this service account; the checker if absent'),
      verb: z.enum(['get', 'list', 'patch']).default('get').describe('patch: a server-side dry-run that adds an annotation (audited, changes nothing)'),
      apiVersion: z.string().regex(/^([a-z0-9.-]+\/)?v[0-9a-z]+$/).default('v1').describe('v1, apps/v1…'),
      resource: z.string().regex(/^[a-z0-9]+$/).describe('plural: secrets, configmaps, deployments'),
      namespace: z.string().min(1),
      name: z.string().min(1).optional().describe('the object, for get and patch'),
    })
    .refine((d) => d.verb === 'list' || d.name !== undefined, { error: 'get and patch need a name' })
    .describe('the request to make, then look for in the audit log'),
  expectLevel: z.union([z.enum(LEVELS), z.array(z.enum(LEVELS)).min(1)]).describe('the level its event must be recorded at (None: not recorded)'),
  mustNotContain: z.array(z.string().min(4)).default([]).describe('text its event must not hold, e.g. the Secret value as base64'),
  waitMs: z.int().min(0).max(10_000).default(3000).describe('how long to wait for the event to be written'),
});
type Spec = z.infer<typeof schema>;

export interface AuditEvent {
  auditID?: string;
  stage?: string;
  level?: string;
}

/** What the audit log says about one request: the events carrying its audit ID, and the
 * forbidden strings found in them. Pure. */
export function findAuditEvents(log: string, auditID: string, forbidden: readonly string[]): { events: AuditEvent[]; leaked: string[]; unparsed: number } {
  const events: AuditEvent[] = [];
  const leaked = new Set<string>();
  let unparsed = 0;
  for (const line of log.split('\n')) {
    if (!line.includes(auditID)) continue;
    for (const f of forbidden) if (line.includes(f)) leaked.add(f);
    let ev: AuditEvent;
    try {
      ev = JSON.parse(line) as AuditEvent;
    } catch {
      unparsed++;
      continue;
    }
    if (ev && typeof ev === 'object' && ev.auditID === auditID) events.push(ev);
    else unparsed++;
  }
  return { events, leaked: [...leaked], unparsed };
}

/** The verdict for one request's events. `None` expects no event at all. Pure. */
export function judge(found: ReturnType<typeof findAuditEvents>, expect: readonly Level[], what: string, file: string): { ok: boolean; detail: string } {
  if (found.leaked.length > 0) return { ok: false, detail: `${file} records ${what} with its content: whoever reads the log reads the value` };
  const levels = [...new Set(found.events.map((e) => e.level ?? '?'))];
  if (found.events.length === 0) {
    if (found.unparsed > 0) return { ok: false, detail: `${file} mentions ${what}, but not as a JSON audit event (use --audit-log-format=json)` };
    return expect.includes('None') ? { ok: true, detail: `${file} does not record ${what}` } : { ok: false, detail: `${file} does not record ${what}; expected it at level ${expect.join(' or ')}` };
  }
  const wrong = levels.filter((l) => !expect.includes(l as Level));
  if (wrong.length > 0) return { ok: false, detail: `${file} records ${what} at level ${levels.join(', ')}; expected ${expect.join(' or ')}` };
  return { ok: true, detail: `${file} records ${what} at level ${levels.join(', ')}, without its content` };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Replays a request (reading a Secret, say) and finds its event in the API server's audit
 * log file on the node: recorded, at the expected level, without the values it returned.
 * Reads the learner's file only through readLearnerFile; cannot read → unknown. */
export const auditLog: ProbeKind<Spec> = {
  schema,
  requires: ['nodes'],
  watches: () => [],
  polls: true, // the log and the API server's flags change without any object changing
  async evaluate(ctx, s) {
    const nodeFiles = ctx.nodeFiles;
    if (!nodeFiles) throw new ClusterError('this cluster does not let the checker read the node’s files', 'run this exercise on a provider with the nodes capability');
    const headers: Record<string, string> = {};
    let who = 'the checker';
    if (s.do.as) {
      const [ns, name] = s.do.as.serviceAccount.split('/') as [string, string];
      who = `system:serviceaccount:${ns}:${name}`;
      const tr = await ctx.kube.request('POST', `/api/v1/namespaces/${ns}/serviceaccounts/${name}/token`, {
        body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
      });
      if (tr.status === 404) return { ok: false, detail: `service account ${s.do.as.serviceAccount} does not exist` };
      if (tr.status !== 201) throw new ClusterError(`TokenRequest for ${s.do.as.serviceAccount} failed: HTTP ${tr.status}`, 'check that the API server is up');
      headers.authorization = `Bearer ${tr.json<{ status: { token: string } }>().status.token}`;
    }
    const auditID = randomUUID();
    headers['audit-id'] = auditID;
    const base = s.do.apiVersion === 'v1' ? '/api/v1' : `/apis/${s.do.apiVersion}`;
    const target = `${base}/namespaces/${s.do.namespace}/${s.do.resource}${s.do.verb !== 'list' && s.do.name ? `/${s.do.name}` : ''}`;
    const what = `${who}'s ${s.do.verb} of ${s.do.resource} ${s.do.namespace}${s.do.name ? `/${s.do.name}` : ''}`;
    // the response is discarded: only the API server's record of it counts
    const method = s.do.verb === 'patch' ? 'PATCH' : 'GET';
    const url = s.do.verb === 'patch' ? `${target}?dryRun=All` : target;
    const body = s.do.verb === 'patch' ? { metadata: { annotations: { 'batten.dev/audit-probe': auditID } } } : undefined;
    const contentType = body ? 'application/merge-patch+json' : undefined;
    const res = s.do.as
      ? await apiRequest(ctx.anonymous, method, url, body, 5000, { headers, discardBody: true, contentType })
      : await ctx.kube.request(method, url, { body, contentType, headers, discardBody: true, timeoutMs: 5000 });
    if (res.status === 0) throw new ClusterError('no answer from the API server', 'check that the API server is up');
    if (res.status !== 200) return { ok: false, detail: `${what} got HTTP ${res.status}: it must still succeed` };

    const rel = s.path.slice(LOG_DIR.length);
    const expect = typeof s.expectLevel === 'string' ? [s.expectLevel] : s.expectLevel;
    const deadline = Date.now() + s.waitMs;
    for (;;) {
      const read: LearnerRead = await readLearnerFile(nodeFiles.varLogKubernetes, rel, MAX_AUDIT_LOG_BYTES);
      if (!read.ok && !read.missing) throw new ClusterError(`the audit log cannot be read: ${read.reason}`, `keep ${s.path} a regular file under ${MAX_AUDIT_LOG_BYTES >> 20} MiB (--audit-log-maxsize)`);
      const found = read.ok ? findAuditEvents(read.text, auditID, s.mustNotContain) : undefined;
      // the final event is written just after the response: wait for it (a leak is final)
      const done = found !== undefined && (found.leaked.length > 0 || found.events.some((e) => e.stage === 'ResponseComplete' || e.stage === 'Panic'));
      if (done || Date.now() >= deadline) {
        const request = `${method} ${url} as ${who}, then look for it in ${s.path}`;
        if (!found) return { ok: false, detail: `there is no audit log at ${s.path}: ${what} left no trace`, attack: { request, response: 'no audit log: the request left no trace' } };
        const v = judge(found, expect, what, s.path);
        const levels = [...new Set(found.events.map((e) => e.level ?? '?'))];
        return { ...v, attack: { request, response: found.leaked.length > 0 ? 'recorded with the value it returned' : levels.length > 0 ? `recorded at level ${levels.join(', ')}` : 'not recorded' } };
      }
      await sleep(250);
    }
  },
};
