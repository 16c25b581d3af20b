import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';

/** Every setting comes from an environment variable; this is the one list of them. */
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  HOST: z.string().default('127.0.0.1').describe('address the web server listens on'),
  PORT: int(1, 65535).default(8080).describe('port the web server listens on'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BATTEN_DATA_DIR: z.string().default(path.join(os.homedir(), '.local', 'state', 'batten')).describe('clusters and the database live here'),
  BATTEN_CACHE: z.string().default(path.join(os.homedir(), '.cache', 'batten')).describe('where setup builds the Kubernetes binaries'),
  BATTEN_PARENT_PID: int(1, 2 ** 22).optional().describe('stop (removing every cluster) when this process is gone: set by the tests, so a server a failed test left behind does not run on'),
  BATTEN_K8S_BIN: z.string().optional().describe('directory of prebuilt control-plane binaries'),
  KUBEBUILDER_ASSETS: z.string().optional().describe("envtest's directory of prebuilt binaries"),
  CLUSTER_PROVIDER: z.enum(['embedded', 'kind']).default('embedded').describe('embedded: local control-plane processes, simulated nodes (safe for strangers); kind: real nodes in privileged podman containers (trusted learners only, see SECURITY.md)'),
  POOL_SIZE: int(0, 64).default(1).describe('clusters kept ready ahead: plain ones any exercise without cluster options takes (its setup applied then), and per exercise named in PREWARM_EXERCISES or used by an event running or starting within 15 minutes (at least one each; each idles at about 0.2 GB and a little CPU)'),
  PREWARM_EXERCISES: z.string().optional().describe('comma-separated exercises to keep clusters with their setup applied for (default: none; plain clusters instead)'),
  POOL_MAX_CONCURRENT_STARTS: int(1, 16).default(1),
  TERMINAL_IDLE_MINUTES: int(1, 24 * 60).default(30),
  TERMINAL_PIDS: int(16, 100_000).default(256).describe("processes a learner's terminal may run at once"),
  TERMINAL_MEMORY_MB: int(64, 65_536).default(512).describe("memory of a learner's terminal (its home is in memory too)"),
  SECURE_COOKIES: z.enum(['true', 'false']).default('false').describe('true when the platform is served over HTTPS'),
  SIGNUP: z.enum(['open', 'invite']).optional().describe("invite: a new account needs the join code of an event that has not ended (the first account, the admin, does not); default open, or invite with CLUSTER_PROVIDER=kind"),
  KIND_TRUSTED_LEARNERS: z.enum(['yes', 'no']).default('no').describe('yes: allow SIGNUP=open with CLUSTER_PROVIDER=kind, knowing that a learner who is admin of a kind cluster can reach the host'),
  MAX_PREPARING_SESSIONS: int(1, 256).default(8).describe('learner sessions whose clusters may be prepared at once, across all learners'),
  COMPLETION_GRACE_SECONDS: int(0, 3600).default(60).describe('in an event that destroys clusters on completion, how long a completed session lives on (the learner sees the result)'),
  CLUSTER_IDLE_MINUTES: int(1, 24 * 60).default(30),
  CLUSTER_MAX_MINUTES: int(1, 7 * 24 * 60).default(180),
  CLUSTER_START_TIMEOUT_SECONDS: int(5, 600).default(90),
  ETCD_QUOTA_MB: int(8, 8192).default(256).describe("each cluster's etcd storage quota"),
  CLUSTER_MEMORY_MB: int(256, 65_536).default(1536).describe("memory of one cluster's control plane (a cgroup; the largest process is killed and restarted past it)"),
  CLUSTER_CPUS: z.coerce.number().min(0.1).max(256).default(1.5).describe("CPU cores one cluster's control plane (embedded) or node container (kind) may use at once"),
  KIND_NODE_MEMORY_MB: int(768, 65_536).default(2048).describe('memory of one kind node container (control plane, kubelet and pods together)'),
  NODE_FILES_MB: int(4, 4096).default(64).describe("size of each of a node's /etc/kubernetes and /var/log/kubernetes, which the learner can write (a tmpfs each)"),
  TERMINAL_FILE_MB: int(1, 4096).default(64).describe('largest file a learner\'s terminal may write'),
});

export type Config = Omit<z.infer<typeof schema>, 'SIGNUP'> & { SIGNUP: 'open' | 'invite' };

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Parses the environment, or throws one error naming every bad variable and its fix. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const r = schema.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (r.success) {
    const kind = r.data.CLUSTER_PROVIDER === 'kind';
    if (kind && r.data.SIGNUP === 'open' && r.data.KIND_TRUSTED_LEARNERS !== 'yes') {
      throw new ConfigError(
        'invalid environment:\n  SIGNUP="open" with CLUSTER_PROVIDER="kind": anyone could sign up, and a learner who is admin of a kind cluster can run a privileged pod that reaches this host\n' +
          'fix: use SIGNUP=invite (learners need an event\'s join code), or set KIND_TRUSTED_LEARNERS=yes if everyone who can reach this server is trusted with root on it',
      );
    }
    return { ...r.data, SIGNUP: r.data.SIGNUP ?? (kind ? 'invite' : 'open') };
  }
  const lines = r.error.issues.map((i) => {
    const name = String(i.path[0]);
    const desc = schema.shape[name as keyof typeof schema.shape]?.description;
    return `  ${name}=${JSON.stringify(env[name])}: ${i.message}${desc ? ` (${desc})` : ''}`;
  });
  throw new ConfigError(`invalid environment:\n${lines.join('\n')}\nfix the variables above, or unset them to use the defaults`);
}
