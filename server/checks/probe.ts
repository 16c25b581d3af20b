import type { z } from 'zod';
import type { Capability, ConnectionOutcome, ConnectionTest, NodeFiles } from '../clusters/provider.ts';
import type { KubeClient } from '../kube/kube-client.ts';
import type { ExecRequest, ExecResult } from '../kube/pod-exec.ts';
import type { AttackStep } from '../protocol/rest.ts';

/** What one probe found: a value, not an exception. `detail` is a sentence a learner can
 * act on. A probe throws only when it cannot answer (API server down): that makes the
 * objective `unknown`, never `met`. */
export interface Verdict {
  ok: boolean;
  detail: string;
  /** The request the probe made as the attacker and what came back, for probes that replay
   * an attack (not for those that read configuration). Never holds a secret's value. */
  attack?: AttackStep;
}

/** Shortens text from the cluster (a rejection message, a command's output) for a transcript. */
export function excerpt(text: string, max = 240): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

export interface ProbeContext {
  /** The checker identity: admin of the cluster, never shown to the learner. */
  kube: KubeClient;
  /** TLS settings of the API server, without credentials (for anonymous requests). */
  anonymous: { server: string; caPem: string; socketPath?: string };
  /** Raw etcd reads, on providers that offer them (with the `nodes` capability). */
  etcdGet?: (key: string) => Promise<Buffer | undefined>;
  /** Runs a command in a container as the checker (`runtime` capability). */
  exec?: (r: ExecRequest) => Promise<ExecResult>;
  /** Opens TCP connections from pods for real (`network` capability). */
  tryConnections?: (tests: readonly ConnectionTest[]) => Promise<ConnectionOutcome[]>;
  /** The node's control-plane files as the learner sees them (`nodes` capability); read
   * them only through host/learner-files.ts. */
  nodeFiles?: NodeFiles;
  capabilities: readonly Capability[];
}

/** A collection whose changes can change a probe's answer. */
export interface WatchTarget {
  /** Optional for the common kinds (KubeClient knows their group). */
  apiVersion?: string;
  kind: string;
  namespace?: string;
}

/** One kind of probe: a schema for its spec in exercise.yaml, the collections it reads,
 * and its evaluation. The engine never branches on the kind. */
export interface ProbeKind<S = unknown> {
  schema: z.ZodType<S>;
  /** Capabilities it needs beyond `api`. */
  requires?: readonly Capability[];
  watches(spec: S): WatchTarget[];
  /** True when the answer can change without any object changing (re-run on a timer). */
  polls?: boolean;
  evaluate(ctx: ProbeContext, spec: S): Promise<Verdict>;
}

export const RBAC: WatchTarget[] = ['Role', 'RoleBinding', 'ClusterRole', 'ClusterRoleBinding'].map((kind) => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind }));

/** The groups Kubernetes' authenticators give a user name. */
export function impliedGroups(user: string, extra: readonly string[] = []): string[] {
  const sa = /^system:serviceaccount:([^:]+):[^:]+$/.exec(user);
  if (sa) return [...new Set(['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`, 'system:authenticated', ...extra])];
  if (user === 'system:anonymous') return [...new Set(['system:unauthenticated', ...extra])];
  return [...new Set(['system:authenticated', ...extra])];
}
