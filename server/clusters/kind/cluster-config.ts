import path from 'node:path';
import { parse, stringify } from 'yaml';
import { ClusterError } from '../errors.ts';

/** Where a kind cluster's writable node directories live on the host. */
export interface KindNodeDirs {
  /** Host directory mounted as the node's /etc/kubernetes (kubeadm writes its PKI,
   * kubeconfigs and static-pod manifests there; the learner's shell shows the same). */
  etcKubernetes: string;
  /** Host directory mounted as the node's /var/log/kubernetes (audit logs). */
  varLogKubernetes: string;
}

const FLAG_NAME = /^[a-z][a-z0-9-]*$/;

/**
 * The kind configuration of one cluster: the build's base config (cgroup v1, the static
 * bridge CNI), the node's /etc/kubernetes and /var/log/kubernetes on the host, the
 * exercise's API-server flags, and a read-only volume into the API server for each
 * directory of files the exercise places under /etc/kubernetes (kubeadm mounts only pki/
 * by itself). Pure.
 */
export function renderKindConfig(baseYaml: string, o: { dirs: KindNodeDirs; apiServerFlags?: Record<string, string>; files?: Record<string, string> }): string {
  const base = parse(baseYaml) as { nodes?: unknown; kubeadmConfigPatches?: unknown[] } | null;
  if (!base || typeof base !== 'object') throw new ClusterError('the kind base configuration (cluster.yaml of the kind build) is empty', 'run bin/batten setup --kind again');
  const flags = o.apiServerFlags ?? {};
  for (const [name, value] of Object.entries(flags)) {
    if (!FLAG_NAME.test(name)) throw new ClusterError(`invalid API-server flag name "${name}"`, 'name flags without dashes, in lower case (e.g. anonymous-auth)');
    if (/[\0\n\r]/.test(value)) throw new ClusterError(`invalid value for API-server flag ${name}: it holds a line break`, 'give the value on one line');
  }
  // a directory of files is mounted whole; a file directly under /etc/kubernetes alone
  const paths = Object.keys(o.files ?? {}).map((rel) => path.posix.normalize(rel));
  const dirs = [...new Set(paths.filter((p) => p.includes('/')).map((p) => p.split('/')[0]!))];
  const topFiles = paths.filter((p) => !p.includes('/'));
  const volumes = [
    ...dirs.map((d, i) => ({ name: `batten-files-${i}`, hostPath: `/etc/kubernetes/${d}`, mountPath: `/etc/kubernetes/${d}`, readOnly: true, pathType: 'DirectoryOrCreate' })),
    ...topFiles.map((f, i) => ({ name: `batten-file-${i}`, hostPath: `/etc/kubernetes/${f}`, mountPath: `/etc/kubernetes/${f}`, readOnly: true, pathType: 'File' })),
  ];
  const clusterPatch: Record<string, unknown> = { kind: 'ClusterConfiguration' };
  if (Object.keys(flags).length || volumes.length) {
    clusterPatch.apiServer = { ...(Object.keys(flags).length ? { extraArgs: flags } : {}), ...(volumes.length ? { extraVolumes: volumes } : {}) };
  }
  const patches = [...(base.kubeadmConfigPatches ?? [])];
  if (clusterPatch.apiServer) patches.push(stringify(clusterPatch));
  return stringify({
    ...base,
    kubeadmConfigPatches: patches,
    nodes: [
      {
        role: 'control-plane',
        extraMounts: [
          { hostPath: o.dirs.etcKubernetes, containerPath: '/etc/kubernetes' },
          { hostPath: o.dirs.varLogKubernetes, containerPath: '/var/log/kubernetes' },
        ],
      },
    ],
  });
}
