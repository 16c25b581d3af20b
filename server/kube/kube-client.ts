import https from 'node:https';
import { apiRequest, formatBytes, ResponseTooLarge, type ApiResponse, type TlsClient } from './api-client.ts';
import { ClusterError } from '../clusters/errors.ts';
import type { Cluster } from '../clusters/provider.ts';

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; [k: string]: unknown };
  [k: string]: unknown;
}

export interface Impersonation {
  user: string;
  groups?: string[];
}

interface ResourceInfo {
  groupVersion: string;
  resource: string;
  namespaced: boolean;
}

/** How much one `list` and one watch event may cost. A learner owns the cluster and can
 * fill it; the checker reads at most this much per list, whatever the cluster holds. */
export interface ReadLimits {
  /** Items asked for per request (`limit`; the rest is fetched with `continue`). */
  pageSize: number;
  /** More items than this in one list is a ListTooLarge. */
  maxItems: number;
  /** More bytes than this, summed over a list's pages, is a ListTooLarge. */
  maxBytes: number;
  /** A longer watch event ends the watch with a ResponseTooLarge. */
  maxEventBytes: number;
}

export const READ_LIMITS: ReadLimits = { pageSize: 500, maxItems: 5000, maxBytes: 16 * 1024 * 1024, maxEventBytes: 4 * 1024 * 1024 };

/** A list the checker will not read: the collection holds more than ReadLimits allow. */
export class ListTooLarge extends ClusterError {
  constructor(
    readonly kind: string,
    readonly namespace: string | undefined,
    readonly limit: { items: number } | { bytes: number },
  ) {
    const where = namespace ? `namespace ${namespace}` : 'the cluster';
    const much = 'items' in limit ? `more than ${limit.items} ${plural(kind)}` : `more than ${formatBytes(limit.bytes)} of ${plural(kind)}`;
    super(`${where} holds ${much}; the check cannot read them all (delete the ones the exercise does not need)`, `delete ${plural(kind)} the exercise does not need`);
  }
}

function plural(kind: string): string {
  if (/[^aeiou]y$/.test(kind)) return `${kind.slice(0, -1)}ies`;
  return /(s|x|ch|sh)$/.test(kind) ? `${kind}es` : `${kind}s`;
}

/** Asks for PartialObjectMetadata (names, labels, annotations, no spec or data), falling
 * back to whole objects where an API does not offer it. */
const METADATA_ONLY = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const METADATA_ONLY_WATCH = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

/** A client of a cluster's API server as one of its identities. */
export function clusterClient(cluster: Cluster, identity: 'learner' | 'checker'): KubeClient {
  const { server, caPem, socketPath } = cluster.endpoint;
  return new KubeClient({ server, caPem, socketPath, ...cluster.credentials(identity) });
}

/** Kinds whose group/version is known without discovery. */
const KNOWN: Record<string, string> = {
  Pod: 'v1', Service: 'v1', ServiceAccount: 'v1', Namespace: 'v1', ConfigMap: 'v1', Secret: 'v1', Node: 'v1',
  Deployment: 'apps/v1', StatefulSet: 'apps/v1', DaemonSet: 'apps/v1', ReplicaSet: 'apps/v1',
  Role: 'rbac.authorization.k8s.io/v1', RoleBinding: 'rbac.authorization.k8s.io/v1',
  ClusterRole: 'rbac.authorization.k8s.io/v1', ClusterRoleBinding: 'rbac.authorization.k8s.io/v1',
  NetworkPolicy: 'networking.k8s.io/v1', Job: 'batch/v1', CronJob: 'batch/v1',
};

/**
 * The checker's (or a learner's) view of one cluster's API: REST paths from discovery,
 * server-side apply, dry-run, impersonation and raw requests. Every request goes through
 * `apiRequest`, the one place that speaks HTTPS.
 *
 * Why not @kubernetes/client-node here: the checker reads a learner-controlled cluster
 * and must cap every byte it reads (per response, per list summed over `continue` pages,
 * per watch event), ask for PartialObjectMetadata, impersonate with groups per request,
 * and reach the API server over a Unix socket; and probes read objects as the wire JSON
 * (the library's models rename fields, e.g. `from` → `_from`, and turn timestamps into
 * Dates, so raw objects cannot be typed with them). Those needs are this file's ~300
 * lines. The library is the right tool for exec/attach streams (the `exec` probe and
 * shells on providers with a container runtime).
 */
export class KubeClient {
  private readonly gvCache = new Map<string, Promise<Map<string, ResourceInfo>>>();
  /** The end of the last list asked for: lists run one after another. */
  private listing: Promise<unknown> = Promise.resolve();

  constructor(
    readonly tls: TlsClient,
    readonly limits: ReadLimits = READ_LIMITS,
  ) {}

  /** One request; its body is capped at `maxBytes` (default: apiRequest's). */
  request(
    method: string,
    path: string,
    o: { body?: unknown; contentType?: string; as?: Impersonation; timeoutMs?: number; headers?: Record<string, string>; maxBytes?: number; discardBody?: boolean } = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string | string[]> = { ...o.headers };
    if (o.as) {
      headers['impersonate-user'] = o.as.user;
      if (o.as.groups?.length) headers['impersonate-group'] = o.as.groups;
    }
    return apiRequest(this.tls, method, path, o.body, o.timeoutMs ?? 10_000, { headers, contentType: o.contentType, maxBytes: o.maxBytes, discardBody: o.discardBody });
  }

  /** The REST path of a kind's collection (namespace given) or of one object (name given). */
  async path(apiVersion: string | undefined, kind: string, namespace?: string, name?: string): Promise<string> {
    const info = await this.resource(apiVersion ?? KNOWN[kind], kind);
    const base = info.groupVersion.includes('/') ? `/apis/${info.groupVersion}` : `/api/${info.groupVersion}`;
    const ns = info.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
    return `${base}${ns}/${info.resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
  }

  async isNamespaced(apiVersion: string | undefined, kind: string): Promise<boolean> {
    return (await this.resource(apiVersion ?? KNOWN[kind], kind)).namespaced;
  }

  private async resource(apiVersion: string | undefined, kind: string): Promise<ResourceInfo> {
    if (!apiVersion) throw new ClusterError(`kind ${kind} needs an apiVersion`, `add apiVersion (for example apps/v1) next to kind: ${kind}`);
    let p = this.gvCache.get(apiVersion);
    if (!p) {
      p = this.discover(apiVersion);
      this.gvCache.set(apiVersion, p);
      p.catch(() => this.gvCache.delete(apiVersion));
    }
    const info = (await p).get(kind);
    if (!info) throw new ClusterError(`the API server has no kind ${kind} in ${apiVersion}`, 'check the apiVersion and kind (kubectl api-resources lists them)');
    return info;
  }

  private async discover(groupVersion: string): Promise<Map<string, ResourceInfo>> {
    const res = await this.request('GET', groupVersion.includes('/') ? `/apis/${groupVersion}` : `/api/${groupVersion}`);
    if (res.status === 404) {
      // CRDs created moments ago appear in discovery a little later: forget, let a retry find them.
      throw new ClusterError(`the API server does not serve ${groupVersion}`, 'check the apiVersion; if it is a CRD, make sure it is applied first');
    }
    if (res.status !== 200) throw new ClusterError(`discovery of ${groupVersion} failed: HTTP ${res.status}`, 'check that the API server is up');
    const list = res.json<{ resources: { name: string; kind: string; namespaced: boolean }[] }>();
    const out = new Map<string, ResourceInfo>();
    for (const r of list.resources) if (!r.name.includes('/')) out.set(r.kind, { groupVersion, resource: r.name, namespaced: r.namespaced });
    return out;
  }

  async get<T = KubeObject>(apiVersion: string | undefined, kind: string, namespace: string | undefined, name: string): Promise<T | undefined> {
    const res = await this.request('GET', await this.path(apiVersion, kind, namespace, name));
    if (res.status === 404) return undefined;
    if (res.status !== 200) throw new ClusterError(`GET ${kind} ${namespace ? `${namespace}/` : ''}${name}: HTTP ${res.status} ${res.body.slice(0, 200)}`, 'check that the API server is up');
    return res.json<T>();
  }

  /** Every object of a collection, a page (`limit`) at a time. Reads at most
   * `limits.maxItems` items and `limits.maxBytes` bytes, whatever the cluster holds: past
   * either, throws a ListTooLarge (a probe then cannot answer: unknown, never met). One
   * list at a time per client, so one cluster costs the checker at most one list's bytes. */
  list<T = KubeObject>(apiVersion: string | undefined, kind: string, namespace?: string, labelSelector?: string): Promise<T[]> {
    const run = this.listing.then(() => this.readList<T>(apiVersion, kind, namespace, labelSelector));
    this.listing = run.catch(() => undefined);
    return run;
  }

  private async readList<T>(apiVersion: string | undefined, kind: string, namespace?: string, labelSelector?: string): Promise<T[]> {
    const base = await this.path(apiVersion, kind, namespace);
    const { pageSize, maxItems, maxBytes } = this.limits;
    const items: T[] = [];
    let bytes = 0;
    let cont: string | undefined;
    do {
      // one more than the cap, so a collection of exactly maxItems is read, a larger one is not
      const q = new URLSearchParams({ limit: String(Math.min(pageSize, maxItems + 1 - items.length)) });
      if (labelSelector) q.set('labelSelector', labelSelector);
      if (cont) q.set('continue', cont);
      let res: ApiResponse;
      try {
        res = await this.request('GET', `${base}?${q}`, { maxBytes: maxBytes - bytes });
      } catch (e) {
        if (e instanceof ResponseTooLarge) throw new ListTooLarge(kind, namespace, { bytes: maxBytes });
        throw e;
      }
      if (res.status !== 200) throw new ClusterError(`LIST ${kind}: HTTP ${res.status} ${res.body.slice(0, 200)}`, 'check that the API server is up');
      bytes += Buffer.byteLength(res.body);
      const page = res.json<{ items: T[]; metadata?: { continue?: string; remainingItemCount?: number } }>();
      for (const item of page.items) items.push(item);
      cont = page.metadata?.continue || undefined;
      if (items.length > maxItems || (cont && items.length + (page.metadata?.remainingItemCount ?? 0) > maxItems)) throw new ListTooLarge(kind, namespace, { items: maxItems });
    } while (cont);
    return items;
  }

  /** Calls `onChange` once when the watch is open and then for every change of a
   * collection (not for the objects it already holds), until `signal` aborts or the API server ends the watch. Only metadata
   * is streamed, and an event longer than `limits.maxEventBytes` ends the watch. */
  async watchChanges(apiVersion: string | undefined, kind: string, onChange: () => void, signal: AbortSignal): Promise<void> {
    const path = await this.path(apiVersion, kind);
    const now = await this.request('GET', `${path}?limit=1`, { headers: { accept: METADATA_ONLY } });
    if (now.status !== 200) throw new ClusterError(`LIST ${kind}: HTTP ${now.status}`, 'check that the API server is up');
    const rv = now.json<{ metadata?: { resourceVersion?: string } }>().metadata?.resourceVersion;
    const since = rv ? `?resourceVersion=${encodeURIComponent(rv)}` : '';
    // Changes made before the list are not streamed: report one as soon as the watch is
    // open, so the caller evaluates after that point and misses nothing in between.
    await this.watch(`${path}${since}`, onChange, signal, { metadataOnly: true, onOpen: onChange });
  }

  /** Server-side apply (what `kubectl apply --server-side --force-conflicts` does). */
  async apply(obj: KubeObject, fieldManager: string): Promise<ApiResponse> {
    const path = await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace ?? (await this.isNamespaced(obj.apiVersion, obj.kind) ? 'default' : undefined), obj.metadata.name);
    return this.request('PATCH', `${path}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, { body: obj, contentType: 'application/apply-patch+yaml' });
  }

  /** Would the API server admit this object from this identity? Runs every admission
   * plugin, policy and webhook, and stores nothing. */
  dryRunCreate(obj: KubeObject, as?: Impersonation): Promise<ApiResponse> {
    return this.create(obj, as, true);
  }

  /** Creates an object as an identity (or, with `dryRun`, only runs admission). */
  async create(obj: KubeObject, as?: Impersonation, dryRun = false): Promise<ApiResponse> {
    const ns = obj.metadata.namespace ?? 'default';
    const namespaced = await this.isNamespaced(obj.apiVersion, obj.kind);
    return this.request('POST', `${await this.path(obj.apiVersion, obj.kind, namespaced ? ns : undefined)}${dryRun ? '?dryRun=All' : ''}`, { body: obj, as });
  }

  /** Deletes an object at once (no grace period). */
  async delete(obj: KubeObject): Promise<ApiResponse> {
    const namespaced = await this.isNamespaced(obj.apiVersion, obj.kind);
    const path = await this.path(obj.apiVersion, obj.kind, namespaced ? (obj.metadata.namespace ?? 'default') : undefined, obj.metadata.name);
    return this.request('DELETE', `${path}?gracePeriodSeconds=0`);
  }

  /** Streams watch events of a collection path until `signal` aborts or the stream ends.
   * Holds at most one event of `limits.maxEventBytes`: a longer one ends the watch with a
   * ResponseTooLarge (the caller watches again, or polls). */
  watch(path: string, onEvent: (type: string, obj: KubeObject) => void, signal: AbortSignal, o: { metadataOnly?: boolean; onOpen?: () => void } = {}): Promise<void> {
    const url = new URL(`${path}${path.includes('?') ? '&' : '?'}watch=1&allowWatchBookmarks=false`, this.tls.server);
    const maxLine = this.limits.maxEventBytes;
    return new Promise((resolve, reject) => {
      if (signal.aborted) return resolve();
      let failure: Error | undefined;
      const headers = o.metadataOnly ? { accept: METADATA_ONLY_WATCH } : {};
      const req = https.request(url, { method: 'GET', headers, socketPath: this.tls.socketPath, ca: this.tls.caPem, cert: this.tls.certPem, key: this.tls.keyPem, agent: false, signal }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new ClusterError(`watch ${path}: HTTP ${res.statusCode}`, 'check that the API server is up'));
        }
        o.onOpen?.();
        const fail = (e: Error) => {
          failure = e;
          req.destroy(e);
        };
        const lines = new LineSplitter(maxLine);
        res.on('data', (chunk: Buffer) => {
          if (failure) return;
          try {
            for (const line of lines.push(chunk)) {
              const text = line.toString('utf8').trim();
              if (!text) continue;
              const ev = JSON.parse(text) as { type: string; object: KubeObject };
              onEvent(ev.type, ev.object);
            }
          } catch (e) {
            fail(e instanceof LineTooLong ? new ResponseTooLarge(`watch ${path}: one event`, maxLine) : (e as Error));
          }
        });
        res.on('end', () => resolve());
        res.on('error', (e) => (signal.aborted ? resolve() : reject(failure ?? e)));
      });
      req.on('error', (e) => (signal.aborted ? resolve() : reject(failure ?? e)));
      req.end();
    });
  }
}

class LineTooLong extends Error {}

/** Splits a byte stream into lines, holding at most `max` bytes of an unfinished line. */
/** Calls `onChange` for every change of a collection until `signal` aborts. A watch that
 * ends (the API server down or restarting, one event too large) is opened again after
 * `retryMs`, with one `onChange` first: changes between two watches are not streamed. */
export async function keepWatching(kube: Pick<KubeClient, 'watchChanges'>, apiVersion: string | undefined, kind: string, onChange: () => void, signal: AbortSignal, retryMs = 500): Promise<void> {
  while (!signal.aborted) {
    try {
      // metadata only: a re-watch does not download the whole collection again
      await kube.watchChanges(apiVersion, kind, onChange, signal);
    } catch {
      // reopened below
    }
    if (signal.aborted) return;
    onChange();
    await new Promise((r) => setTimeout(r, retryMs));
  }
}

export class LineSplitter {
  private parts: Buffer[] = [];
  private pending = 0;

  constructor(private readonly max: number) {}

  /** The lines this chunk completes; throws LineTooLong once a line exceeds `max`. */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    let start = 0;
    for (let nl = chunk.indexOf(10); nl >= 0; nl = chunk.indexOf(10, start)) {
      const piece = chunk.subarray(start, nl);
      this.hold(piece.length);
      out.push(this.parts.length ? Buffer.concat([...this.parts, piece]) : piece);
      this.parts = [];
      this.pending = 0;
      start = nl + 1;
    }
    const rest = chunk.subarray(start);
    if (rest.length) {
      this.hold(rest.length);
      this.parts.push(rest);
      this.pending += rest.length;
    }
    return out;
  }

  private hold(n: number): void {
    if (this.pending + n > this.max) {
      this.parts = [];
      this.pending = 0;
      throw new LineTooLong(`a line is longer than ${this.max} bytes`);
    }
  }
}
