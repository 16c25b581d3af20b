import { setMaxListeners } from 'node:events';
import path from 'node:path';
import { ClusterError } from '../clusters/errors.ts';
import type { Cluster } from '../clusters/provider.ts';
import { readLearnerFile } from '../host/learner-files.ts';
import { clusterClient, type KubeClient, type KubeObject } from '../kube/kube-client.ts';
import type { ReplayEntry } from '../protocol/rest.ts';
import { learnerChange, type WatchEventType } from './learner-change.ts';
import { CacheBudget, ObjectCache } from './object-cache.ts';
import { normalize, type ObjectDiff } from './object-diff.ts';
import type { ReplayStore } from './replay-store.ts';
import { textDiff } from './text-diff.ts';
import { WATCHED_KINDS, type WatchedKind } from './watched-kinds.ts';

/** The manifest is YAML a person edits; a larger file is not diffed. */
const MAX_MANIFEST_BYTES = 256 * 1024;
/** Objects kept to diff against, per session (all kinds together); past it, stubs. */
const CACHE_BYTES = 32 * 1024 * 1024;
/** Waits between two lists of a kind after a failure: 1 s, doubling up to this. */
const MAX_BACKOFF_MS = 30_000;

export interface RecorderDeps {
  cluster: Cluster;
  sessionId: string;
  store: Pick<ReplayStore, 'record'>;
  kinds?: readonly WatchedKind[];
  /** How often the API server's manifest is read for changes. */
  manifestPollMs?: number;
  onError?: (err: unknown) => void;
}

/**
 * Records a learner's changes for the replay, beside the checker and with its credentials
 * (a client of its own, so its lists never queue behind the checker's): one cluster-wide
 * watch of full objects per kind of WATCHED_KINDS, each kind's first list being the
 * baseline (setup's objects are not changes), and the API server's manifest (a node file,
 * where the provider has one) read every few seconds. A watch that ends is re-listed and the
 * difference recorded like any change, so nothing between two watches is missed. What is a
 * learner's change is decided by learnerChange (pure). `dispose()` stops every watch and timer.
 */
export class ReplayRecorder {
  private readonly abort = new AbortController();
  private readonly kube: KubeClient;
  private readonly budget = new CacheBudget(CACHE_BYTES);

  constructor(private readonly d: RecorderDeps) {
    this.kube = clusterClient(d.cluster, 'checker');
    // one listener per watch and per wait: every kind listens to this one signal
    setMaxListeners(4 * WATCHED_KINDS.length + 8, this.abort.signal);
  }

  start(): void {
    for (const k of this.d.kinds ?? WATCHED_KINDS) void this.watchLoop(k);
    const files = this.d.cluster.nodeFiles;
    if (files) void this.manifestLoop(files.etcKubernetes, path.relative(files.etcKubernetes, files.apiServerManifest));
  }

  private record(e: Omit<ReplayEntry, 'at'>): void {
    if (this.abort.signal.aborted) return; // a list or read that ends after the session did
    try {
      this.d.store.record(this.d.sessionId, { at: new Date().toISOString(), ...e });
    } catch (err) {
      this.d.onError?.(err);
    }
  }

  private async watchLoop(k: WatchedKind): Promise<void> {
    const cache = new ObjectCache(this.budget);
    let baseline = true;
    let backoff = 1000;
    while (!this.abort.signal.aborted) {
      try {
        const collection = await this.kube.path(k.apiVersion, k.kind);
        // the version before the list: the watch replays what the list already holds
        // (no difference, nothing recorded) rather than miss what happens in between
        const head = await this.kube.request('GET', `${collection}?limit=1`);
        if (head.status !== 200) throw new ClusterError(`LIST ${k.kind}: HTTP ${head.status}`, 'check that the API server is up');
        const rv = head.json<{ metadata?: { resourceVersion?: string } }>().metadata?.resourceVersion;
        const items = await this.kube.list(k.apiVersion, k.kind);
        this.sync(k, cache, items, baseline);
        baseline = false;
        backoff = 1000;
        await this.kube.watch(`${collection}${rv ? `?resourceVersion=${encodeURIComponent(rv)}` : ''}`, (type, obj) => this.event(k, cache, type, obj), this.abort.signal);
      } catch (e) {
        if (e instanceof ClusterError && /has no kind|does not serve/.test(e.message)) {
          this.d.onError?.(new ClusterError(`replay: ${e.message}; ${k.kind} changes are not recorded on this cluster`, 'nothing to do unless an exercise needs them'));
          return;
        }
        // the API server is down or restarting (a learner's manifest edit), the collection is
        // larger than a list may read (ListTooLarge) or one event was too large: list again, later
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
      await this.sleep(backoff);
    }
  }

  /** A fresh list against what was known: the baseline, or what changed while no watch ran. */
  private sync(k: WatchedKind, cache: ObjectCache, items: KubeObject[], baseline: boolean): void {
    const seen = new Set<string>();
    for (const item of items) {
      const key = keyOf(item);
      seen.add(key);
      if (baseline) cache.set(key, normalize(item));
      else this.event(k, cache, cache.has(key) ? 'MODIFIED' : 'ADDED', item);
    }
    for (const [key, gone] of cache.entries()) if (!seen.has(key)) this.event(k, cache, 'DELETED', gone as KubeObject);
  }

  private event(k: WatchedKind, cache: ObjectCache, type: string, obj: KubeObject): void {
    if (type !== 'ADDED' && type !== 'MODIFIED' && type !== 'DELETED') return; // ERROR ends the watch; BOOKMARK says nothing
    const key = keyOf(obj);
    const change = learnerChange(type as WatchEventType, cache.get(key), obj, k);
    if (type === 'DELETED') cache.delete(key);
    else cache.set(key, normalize(obj));
    if (change) this.record(change);
  }

  private async manifestLoop(root: string, rel: string): Promise<void> {
    const read = async (): Promise<string | undefined> => {
      const r = await readLearnerFile(root, rel, MAX_MANIFEST_BYTES);
      if (r.ok) return r.text;
      return r.missing ? undefined : `(unreadable: ${r.reason})`;
    };
    let before = await read().catch(() => undefined);
    while (!this.abort.signal.aborted) {
      await this.sleep(this.d.manifestPollMs ?? 2000);
      if (this.abort.signal.aborted) return;
      const now = await read().catch(() => before);
      if (now === before) continue;
      const d: ObjectDiff = textDiff(before ?? '', now ?? '');
      this.record({ verb: before === undefined ? 'create' : now === undefined ? 'delete' : 'update', apiVersion: '', kind: 'File', name: `/etc/kubernetes/${rel}`, manager: 'shell', diff: d.lines, more: d.more });
      before = now;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.abort.signal.aborted) return resolve();
      const signal = this.abort.signal;
      const done = () => {
        clearTimeout(t);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const t = setTimeout(done, ms);
      signal.addEventListener('abort', done, { once: true });
    });
  }

  dispose(): void {
    this.abort.abort();
  }
}

/** By namespace and name (a normalized object has no uid): an object deleted and created
 * again under its name while no watch ran is recorded as an update. */
function keyOf(obj: KubeObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}
