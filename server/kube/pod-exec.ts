import { Writable } from 'node:stream';
import { Exec, KubeConfig, type V1Status } from '@kubernetes/client-node';
import { ClusterError } from '../clusters/errors.ts';
import type { TlsClient } from './api-client.ts';

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  timeoutMs?: number;
}

export interface ExecResult {
  exitCode: number;
  /** stdout and stderr together, at most MAX_OUTPUT bytes (the end is kept). */
  output: string;
}

const MAX_OUTPUT = 64 * 1024;

/** A KubeConfig for @kubernetes/client-node from Batten's TLS settings of one identity. */
function kubeConfig(c: TlsClient): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(
    { name: 'cluster', server: c.server, caData: Buffer.from(c.caPem).toString('base64'), skipTLSVerify: false },
    { name: 'user', certData: c.certPem && Buffer.from(c.certPem).toString('base64'), keyData: c.keyPem && Buffer.from(c.keyPem).toString('base64') },
  );
  return kc;
}

/** The exit code in an exec's final status: 0 on Success, the NonZeroExitCode cause otherwise. */
export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  const code = Number(cause?.message);
  return Number.isInteger(code) ? code : undefined;
}

/**
 * Runs a command in a container, as `kubectl exec` does (the API server's exec
 * subresource over a WebSocket, through @kubernetes/client-node), and resolves with its
 * exit code and output. Rejects with a ClusterError when the command could not be run
 * at all (no such pod, refused, timed out): never an exit code the command did not give.
 */
export async function podExec(client: TlsClient, r: ExecRequest): Promise<ExecResult> {
  if (client.socketPath) throw new ClusterError('exec through a Unix socket is not supported', 'use a provider whose API server has a TCP address');
  let output = '';
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      output = (output + chunk.toString()).slice(-MAX_OUTPUT);
      done();
    },
  });
  const timeoutMs = r.timeoutMs ?? 10_000;
  return new Promise<ExecResult>((resolve, reject) => {
    let settled = false;
    let socket: { close(): void } | undefined;
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.close();
      f();
    };
    const where = `${r.namespace}/${r.pod} (${r.container})`;
    const timer = setTimeout(() => finish(() => reject(new ClusterError(`exec in ${where} did not finish within ${timeoutMs} ms`, 'the command must end quickly; check the pod is Running'))), timeoutMs);
    new Exec(kubeConfig(client))
      .exec(r.namespace, r.pod, r.container, r.command, sink, sink, null, false, (status) => {
        const code = exitCodeOf(status);
        finish(() =>
          code === undefined
            ? reject(new ClusterError(`exec in ${where} failed: ${status.message ?? status.reason ?? 'no status'}`, 'check the pod and container exist and are running'))
            : resolve({ exitCode: code, output }),
        );
      })
      .then(
        (ws) => {
          socket = ws;
          if (settled) ws.close();
          ws.on('close', () => finish(() => reject(new ClusterError(`exec in ${where} ended without a status`, 'check the pod is Running'))));
        },
        (e: unknown) => finish(() => reject(new ClusterError(`exec in ${where} could not start: ${(e as Error).message ?? String(e)}`, 'check the pod and container exist and are running'))),
      );
  });
}
