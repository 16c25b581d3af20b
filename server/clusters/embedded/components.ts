import type { BinarySet } from './binaries.ts';
import type { Bind, ConfineSpec } from './confine.ts';
import type { ClusterLayout } from './layout.ts';

/** Command lines and sandboxes of the components other than kube-apiserver (whose flags
 * come from the learner-editable manifest). Pure.
 *
 * Every component runs in the cluster's own network namespace, so each cluster uses the
 * standard ports of a kubeadm node on its own loopback and no two clusters can clash. */
export const PORTS = { apiServer: 6443, etcdClient: 2379, etcdPeer: 2380 } as const;

export interface ComponentSpec {
  name: 'batten-forward' | 'etcd' | 'kube-apiserver' | 'kube-controller-manager' | 'kube-scheduler' | 'kwok';
  confine: ConfineSpec;
  args: string[];
  logFile: string;
}


const PKI = '/etc/kubernetes/pki';

/** GOGC=25: a training cluster idles most of its life, so a tighter heap target is worth
 * the extra collections. Measured (5 cold starts each, quiet machine): API server 124 MB
 * unique memory and cold start p50 4.2–4.6 s at 25; 146 MB and 3.9 s at 50; 178 MB and
 * 3.4 s at 100. The warm pool hides the start; every cluster pays the memory. GOMEMLIMIT
 * (110–120 MiB, GOGC=100) made starts slower still (p50 7.1–7.7 s): the start's heap
 * passes the limit. Idle, the API server collects once in 30 s or less often, so the
 * setting costs no idle CPU to speak of. */
function confine(bin: string, name: string, binds: Bind[], env: Record<string, string> = {}): ConfineSpec {
  return { binary: bin, binaryPath: `/usr/local/bin/${name}`, binds, env: { GOGC: '25', ...env } };
}

/** Holds the network namespace and forwards the host's Unix sockets into it. */
export function forwardSpec(bins: BinarySet, l: ClusterLayout): ComponentSpec {
  return {
    name: 'batten-forward',
    logFile: l.forwardLog,
    confine: { ...confine(bins['batten-forward'], 'batten-forward', [{ host: l.run, sandbox: '/run/batten', writable: true }]), newNetwork: true },
    args: [`/run/batten/api.sock=127.0.0.1:${PORTS.apiServer}`, `/run/batten/etcd.sock=127.0.0.1:${PORTS.etcdClient}`],
  };
}

/** `quotaBytes` is etcd's storage quota: one learner cannot fill the disk. */
export function etcdSpec(bins: BinarySet, l: ClusterLayout, clusterName: string, quotaBytes: number): ComponentSpec {
  const client = `https://127.0.0.1:${PORTS.etcdClient}`;
  const peer = `https://127.0.0.1:${PORTS.etcdPeer}`;
  return {
    name: 'etcd',
    logFile: `${l.logs}/etcd.log`,
    confine: confine(bins.etcd, 'etcd', [
      { host: `${l.pki}/etcd`, sandbox: `${PKI}/etcd` },
      { host: l.etcdData, sandbox: '/var/lib/etcd', writable: true },
    ]),
    args: [
      `--name=${clusterName}`,
      '--data-dir=/var/lib/etcd',
      `--listen-client-urls=${client}`,
      `--advertise-client-urls=${client}`,
      `--listen-peer-urls=${peer}`,
      `--initial-advertise-peer-urls=${peer}`,
      `--initial-cluster=${clusterName}=${peer}`,
      `--initial-cluster-token=${clusterName}`,
      `--cert-file=${PKI}/etcd/server.crt`,
      `--key-file=${PKI}/etcd/server.key`,
      `--trusted-ca-file=${PKI}/etcd/ca.crt`,
      '--client-cert-auth=true',
      `--peer-cert-file=${PKI}/etcd/server.crt`,
      `--peer-key-file=${PKI}/etcd/server.key`,
      `--peer-trusted-ca-file=${PKI}/etcd/ca.crt`,
      '--peer-client-cert-auth=true',
      `--quota-backend-bytes=${quotaBytes}`,
      '--auto-compaction-mode=periodic',
      '--auto-compaction-retention=5m',
      '--snapshot-count=10000',
      // An ephemeral training cluster: losing its data on a host crash is fine, and
      // skipping fsync makes every write (and so every start) much faster.
      '--unsafe-no-fsync=true',
      '--log-level=warn',
    ],
  };
}

export function apiServerConfine(bins: BinarySet, l: ClusterLayout): ConfineSpec {
  return confine(bins['kube-apiserver'], 'kube-apiserver', [
    { host: l.etc, sandbox: '/etc/kubernetes' },
    { host: l.varLog, sandbox: '/var/log/kubernetes', writable: true },
  ]);
}

export function controllerManagerSpec(bins: BinarySet, l: ClusterLayout, clusterName: string): ComponentSpec {
  return {
    name: 'kube-controller-manager',
    logFile: `${l.logs}/kube-controller-manager.log`,
    confine: confine(bins['kube-controller-manager'], 'kube-controller-manager', [
      { host: l.pki, sandbox: PKI },
      { host: l.kubeconfig('controller-manager'), sandbox: '/etc/batten/kubeconfig' },
    ]),
    args: [
      '--kubeconfig=/etc/batten/kubeconfig',
      '--authentication-kubeconfig=/etc/batten/kubeconfig',
      '--authorization-kubeconfig=/etc/batten/kubeconfig',
      '--secure-port=0',
      '--leader-elect=false',
      `--cluster-name=${clusterName}`,
      `--root-ca-file=${PKI}/ca.crt`,
      `--service-account-private-key-file=${PKI}/sa.key`,
      '--use-service-account-credentials=true',
      '--controllers=*,-nodeipam,-bootstrapsigner,-tokencleaner,-csrsigning,-persistentvolume-binder,-attachdetach,-persistentvolume-expander,-ephemeral-volume,-pv-protection,-pvc-protection',
      '--node-monitor-grace-period=60s',
      '--kube-api-qps=200',
      '--kube-api-burst=400',
    ],
  };
}

export function schedulerSpec(bins: BinarySet, l: ClusterLayout): ComponentSpec {
  return {
    name: 'kube-scheduler',
    logFile: `${l.logs}/kube-scheduler.log`,
    confine: confine(bins['kube-scheduler'], 'kube-scheduler', [
      { host: l.kubeconfig('scheduler'), sandbox: '/etc/batten/kubeconfig' },
    ]),
    args: [
      '--kubeconfig=/etc/batten/kubeconfig',
      '--authentication-kubeconfig=/etc/batten/kubeconfig',
      '--authorization-kubeconfig=/etc/batten/kubeconfig',
      '--secure-port=0',
      '--leader-elect=false',
    ],
  };
}

/** kwok simulates the nodes. It runs without --server-address or --node-port, so its
 * kubelet server (Exec, Logs, Attach, PortForward, which run commands and read files on
 * the host) never starts, and without --enable-crds, so the learner cannot turn it on. */
export function kwokSpec(bins: BinarySet, l: ClusterLayout): ComponentSpec {
  return {
    name: 'kwok',
    logFile: `${l.logs}/kwok.log`,
    confine: confine(bins.kwok, 'kwok', [
      { host: l.kubeconfig('kwok'), sandbox: '/etc/batten/kubeconfig' },
      { host: l.kwokConfig, sandbox: '/etc/kwok' },
    ]),
    args: [
      '--kubeconfig=/etc/batten/kubeconfig',
      '--config=/etc/kwok/stages.yaml',
      '--manage-all-nodes=false',
      '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake',
      '--node-lease-duration-seconds=40',
      '--cidr=10.244.0.0/16',
      '--node-ip=127.0.0.1',
    ],
  };
}
