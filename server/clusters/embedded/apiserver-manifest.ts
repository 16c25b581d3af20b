import path from 'node:path';
import { parseDocument, stringify } from 'yaml';

/**
 * The kube-apiserver static-pod manifest a learner edits, as kubeadm writes it, and the
 * rules that turn it into a command line. Pure: no I/O.
 *
 * The learner is untrusted and controls this file. Three rules keep it from becoming a
 * way onto the host: flags that wire the node together are fixed (their value must stay
 * what the manifest shows); other flags must be on an allow-list; and every flag that
 * names a file must name one under /etc/kubernetes or /var/log/kubernetes, the only
 * directories the API server's sandbox contains.
 */

export const K8S_VERSION = 'v1.34.4';
export const MANIFEST_PATH = '/etc/kubernetes/manifests/kube-apiserver.yaml';
export const LOG_PATH = '/var/log/kubernetes/kube-apiserver.log';
const FILE_ROOTS = ['/etc/kubernetes', '/var/log/kubernetes'];

/** Flags the node is wired with: shown to the learner with these values, which must not change. */
export const FIXED_FLAGS: Readonly<Record<string, string>> = {
  'advertise-address': '127.0.0.1',
  'bind-address': '127.0.0.1',
  'secure-port': '6443',
  'client-ca-file': '/etc/kubernetes/pki/ca.crt',
  'tls-cert-file': '/etc/kubernetes/pki/apiserver.crt',
  'tls-private-key-file': '/etc/kubernetes/pki/apiserver.key',
  'etcd-servers': 'https://127.0.0.1:2379',
  'etcd-cafile': '/etc/kubernetes/pki/etcd/ca.crt',
  'etcd-certfile': '/etc/kubernetes/pki/apiserver-etcd-client.crt',
  'etcd-keyfile': '/etc/kubernetes/pki/apiserver-etcd-client.key',
  'service-account-issuer': 'https://kubernetes.default.svc.cluster.local',
  'service-account-key-file': '/etc/kubernetes/pki/sa.pub',
  'service-account-signing-key-file': '/etc/kubernetes/pki/sa.key',
  'service-cluster-ip-range': '10.96.0.0/12',
  // The API server listens only on its namespace's loopback, which Endpoints may not name.
  'endpoint-reconciler-type': 'none',
};

/** Flags the learner (or an exercise) may set or change. Flags that would make the API
 * server call out to arbitrary URLs (webhook authn/authz, OIDC, audit webhooks) are absent. */
export const EDITABLE_FLAGS: ReadonlySet<string> = new Set([
  'admission-control-config-file',
  'allow-privileged',
  'anonymous-auth',
  'api-audiences',
  'audit-log-batch-buffer-size',
  'audit-log-batch-max-size',
  'audit-log-batch-max-wait',
  'audit-log-compress',
  'audit-log-format',
  'audit-log-maxage',
  'audit-log-maxbackup',
  'audit-log-maxsize',
  'audit-log-mode',
  'audit-log-path',
  'audit-log-truncate-enabled',
  'audit-log-truncate-max-batch-size',
  'audit-log-truncate-max-event-size',
  'audit-policy-file',
  'authorization-mode',
  'default-not-ready-toleration-seconds',
  'default-unreachable-toleration-seconds',
  'delete-collection-workers',
  'disable-admission-plugins',
  'enable-admission-plugins',
  'enable-bootstrap-token-auth',
  'enable-priority-and-fairness',
  'encryption-provider-config',
  'encryption-provider-config-automatic-reload',
  'event-ttl',
  'feature-gates',
  'max-mutating-requests-inflight',
  'max-requests-inflight',
  'min-request-timeout',
  'profiling',
  'request-timeout',
  'runtime-config',
  'service-account-extend-token-expiration',
  'service-account-lookup',
  'service-account-max-token-expiration',
  'service-node-port-range',
  'tls-cipher-suites',
  'tls-min-version',
  'token-auth-file',
]);

/** Flags whose value is a file path (or a comma-free path list of one). */
const PATH_FLAGS: ReadonlySet<string> = new Set([
  'admission-control-config-file',
  'audit-log-path',
  'audit-policy-file',
  'encryption-provider-config',
  'token-auth-file',
  ...Object.keys(FIXED_FLAGS).filter((f) => FIXED_FLAGS[f]!.startsWith('/')),
]);

/** Flags whose value is a whole number, with the range this node accepts. The node's
 * /var/log/kubernetes is also a small size-limited filesystem, whatever these say. */
const NUMBER_LIMITS: Readonly<Record<string, readonly [number, number]>> = {
  'audit-log-maxsize': [0, 100],
  'audit-log-maxbackup': [0, 10],
  'audit-log-maxage': [0, 366],
  'audit-log-batch-buffer-size': [1, 100_000],
  'audit-log-batch-max-size': [1, 10_000],
  'audit-log-truncate-max-batch-size': [1, 10_485_760],
  'audit-log-truncate-max-event-size': [1, 1_048_576],
  'delete-collection-workers': [1, 16],
  'max-mutating-requests-inflight': [1, 2000],
  'max-requests-inflight': [1, 4000],
};

/** kubeadm's defaults for the flags the learner may change. */
export const DEFAULT_FLAGS: Readonly<Record<string, string>> = {
  'allow-privileged': 'true',
  'authorization-mode': 'Node,RBAC',
  'enable-admission-plugins': 'NodeRestriction',
  'enable-bootstrap-token-auth': 'true',
  profiling: 'false',
};

export type ManifestResult = { ok: true; flags: Map<string, string> } | { ok: false; errors: string[] };

/** Renders the manifest the learner starts with. */
export function renderManifest(extraFlags: Record<string, string> = {}): string {
  const flags = { ...FIXED_FLAGS, ...DEFAULT_FLAGS, ...extraFlags };
  const command = ['kube-apiserver', ...Object.keys(flags).sort().map((k) => `--${k}=${flags[k]}`)];
  const pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: 'kube-apiserver',
      namespace: 'kube-system',
      labels: { component: 'kube-apiserver', tier: 'control-plane' },
    },
    spec: {
      hostNetwork: true,
      priorityClassName: 'system-node-critical',
      containers: [
        {
          name: 'kube-apiserver',
          image: `registry.k8s.io/kube-apiserver:${K8S_VERSION}`,
          command,
          volumeMounts: [
            { name: 'k8s', mountPath: '/etc/kubernetes', readOnly: true },
            { name: 'logs', mountPath: '/var/log/kubernetes' },
          ],
        },
      ],
      volumes: [
        { name: 'k8s', hostPath: { path: '/etc/kubernetes', type: 'Directory' } },
        { name: 'logs', hostPath: { path: '/var/log/kubernetes', type: 'DirectoryOrCreate' } },
      ],
    },
  };
  return [
    '# kube-apiserver of this node, as a static pod (the format kubeadm writes).',
    '# Save a change and the node restarts the API server with the new flags, as the kubelet does.',
    `# If it does not come back, read ${LOG_PATH}.`,
    '# Only files under /etc/kubernetes and /var/log/kubernetes exist for the API server here.',
    stringify(pod, { lineWidth: 0 }),
  ].join('\n');
}

/** Parses an edited manifest into the flag map, or every reason it cannot run. */
export function parseManifest(text: string): ManifestResult {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) {
    return { ok: false, errors: doc.errors.map((e) => `${MANIFEST_PATH}: YAML error at line ${e.linePos?.[0]?.line ?? '?'}: ${e.message.split('\n')[0]}`) };
  }
  const pod = doc.toJS() as { spec?: { containers?: { name?: string; command?: unknown; args?: unknown }[] } } | null;
  const container = pod?.spec?.containers?.find((c) => c?.name === 'kube-apiserver');
  if (!container) return { ok: false, errors: [`${MANIFEST_PATH}: spec.containers has no container named kube-apiserver`] };
  const argv = [...asStrings(container.command), ...asStrings(container.args)];
  if (argv[0] === 'kube-apiserver') argv.shift();
  else return { ok: false, errors: [`${MANIFEST_PATH}: spec.containers[kube-apiserver].command must start with kube-apiserver`] };

  const errors: string[] = [];
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const m = /^--([a-z0-9-]+)(?:=(.*))?$/s.exec(arg);
    if (!m) {
      errors.push(`argument "${arg}" is not of the form --flag=value`);
      continue;
    }
    const [, name, value = 'true'] = m as unknown as [string, string, string | undefined];
    if (flags.has(name)) errors.push(`--${name} is given twice`);
    flags.set(name, value);
  }
  for (const [name, value] of flags) {
    const fixed = FIXED_FLAGS[name];
    if (fixed !== undefined) {
      if (value !== fixed) errors.push(`--${name} is fixed at ${fixed} on this training node; put it back`);
    } else if (!EDITABLE_FLAGS.has(name)) {
      errors.push(`--${name} is not available on this training node`);
    }
    const range = NUMBER_LIMITS[name];
    if (range && !(/^\d{1,9}$/.test(value) && Number(value) >= range[0] && Number(value) <= range[1])) {
      errors.push(`--${name}=${value}: use a whole number from ${range[0]} to ${range[1]} on this training node`);
    }
    if (PATH_FLAGS.has(name)) {
      const problem = checkPath(value);
      if (problem) errors.push(`--${name}=${value}: ${problem}`);
    }
  }
  for (const name of Object.keys(FIXED_FLAGS)) {
    if (!flags.has(name)) errors.push(`--${name}=${FIXED_FLAGS[name]} is required; put it back`);
  }
  return errors.length > 0 ? { ok: false, errors: errors.map((e) => `${MANIFEST_PATH}: ${e}`) } : { ok: true, flags };
}

export function toArgv(flags: Map<string, string>): string[] {
  return [...flags].map(([k, v]) => `--${k}=${v}`);
}

function checkPath(p: string): string | undefined {
  if (p === '-') return 'the audit log goes to a file on this training node: use a path under /var/log/kubernetes';
  if (!path.isAbsolute(p)) return 'use an absolute path';
  const n = path.posix.normalize(p);
  if (!FILE_ROOTS.some((r) => n === r || n.startsWith(r + '/'))) {
    return `only files under ${FILE_ROOTS.join(' and ')} exist on this training node`;
  }
  return undefined;
}

function asStrings(v: unknown): string[] {
  return Array.isArray(v) ? v.map((x) => String(x)) : [];
}
