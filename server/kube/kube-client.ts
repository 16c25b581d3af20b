import https from 'node:https';
import { apiRequest, type ApiResponse, type TlsClient } from '../clusters/embedded/api-client.ts';
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

/** A client of a cluster's API server as one of its identities. */
export function clusterClient(cluster: Cluster, identity: 'learner' | 'checker'): KubeClient {
  return new KubeClient({ server: cluster.endpoint.server, caPem: cluster.endpoint.caPem, ...cluster.credentials(identity) });
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
 */
export class KubeClient {
  private readonly gvCache = new Map<string, Promise<Map<string, ResourceInfo>>>();

  constructor(readonly tls: TlsClient) {}

  request(method: string, path: string, o: { body?: unknown; contentType?: string; as?: Impersonation; timeoutMs?: number; headers?: Record<string, string> } = {}): Promise<ApiResponse> {
    const headers: Record<string, string | string[]> = { ...o.headers };
    if (o.as) {
      headers['impersonate-user'] = o.as.user;
      if (o.as.groups?.length) headers['impersonate-group'] = o.as.groups;
    }
    return apiRequest(this.tls, method, path, o.body, o.timeoutMs ?? 10_000, { headers, contentType: o.contentType });
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

  async list<T = KubeObject>(apiVersion: string | undefined, kind: string, namespace?: string, labelSelector?: string): Promise<T[]> {
    const q = labelSelector ? `?labelSelector=${encodeURIComponent(labelSelector)}` : '';
    const res = await this.request('GET', (await this.path(apiVersion, kind, namespace)) + q);
    if (res.status !== 200) throw new ClusterError(`LIST ${kind}: HTTP ${res.status} ${res.body.slice(0, 200)}`, 'check that the API server is up');
    return res.json<{ items: T[] }>().items;
  }

  /** Server-side apply (what `kubectl apply --server-side --force-conflicts` does). */
  async apply(obj: KubeObject, fieldManager: string): Promise<ApiResponse> {
    const path = await this.path(obj.apiVersion, obj.kind, obj.metadata.namespace ?? (await this.isNamespaced(obj.apiVersion, obj.kind) ? 'default' : undefined), obj.metadata.name);
    return this.request('PATCH', `${path}?fieldManager=${encodeURIComponent(fieldManager)}&force=true`, { body: obj, contentType: 'application/apply-patch+yaml' });
  }

  /** Would the API server admit this object from this identity? Runs every admission
   * plugin, policy and webhook, and stores nothing. */
  async dryRunCreate(obj: KubeObject, as?: Impersonation): Promise<ApiResponse> {
    const ns = obj.metadata.namespace ?? 'default';
    const namespaced = await this.isNamespaced(obj.apiVersion, obj.kind);
    return this.request('POST', `${await this.path(obj.apiVersion, obj.kind, namespaced ? ns : undefined)}?dryRun=All`, { body: obj, as });
  }

  /** Streams watch events of a collection path until `signal` aborts or the stream ends. */
  watch(path: string, onEvent: (type: string, obj: KubeObject) => void, signal: AbortSignal): Promise<void> {
    const url = new URL(`${path}${path.includes('?') ? '&' : '?'}watch=1&allowWatchBookmarks=false`, this.tls.server);
    return new Promise((resolve, reject) => {
      if (signal.aborted) return resolve();
      const req = https.request(url, { method: 'GET', socketPath: this.tls.socketPath, ca: this.tls.caPem, cert: this.tls.certPem, key: this.tls.keyPem, agent: false, signal }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          return reject(new ClusterError(`watch ${path}: HTTP ${res.statusCode}`, 'check that the API server is up'));
        }
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let nl: number;
          while ((nl = buf.indexOf('\n')) >= 0) {
            const line = buf.slice(0, nl).trim();
            buf = buf.slice(nl + 1);
            if (!line) continue;
            const ev = JSON.parse(line) as { type: string; object: KubeObject };
            onEvent(ev.type, ev.object);
          }
        });
        res.on('end', () => resolve());
        res.on('error', (e) => (signal.aborted ? resolve() : reject(e)));
      });
      req.on('error', (e) => (signal.aborted ? resolve() : reject(e)));
      req.end();
    });
  }
}
