import { loadConfig } from '../config/config.ts';
import { createProvider } from '../clusters/create-provider.ts';
import { binaryDirs, findBinaries } from '../clusters/embedded/binaries.ts';
import { controlplaneCacheDir } from '../setup/controlplane-build.ts';

/** Starts one cluster for trying things by hand, and removes it on Ctrl-C. */
export async function clusterUp(): Promise<number> {
  const cfg = loadConfig();
  const provider = createProvider(cfg);
  await provider.collectGarbage();
  const t0 = Date.now();
  process.stderr.write(`batten: starting a cluster (${provider.name} provider) ...\n`);
  const cluster = await provider.create({ label: 'cluster-up' });
  const kubectl = findBinaries(binaryDirs(cfg, controlplaneCacheDir(cfg.BATTEN_CACHE))).find((b) => b.name === 'kubectl')?.path ?? 'kubectl';
  const kubeconfig = cluster.kubeconfigPath('learner');
  process.stdout.write(
    [
      `cluster ${cluster.name} is ready in ${((Date.now() - t0) / 1000).toFixed(1)} s`,
      `  learner kubeconfig:  ${kubeconfig}`,
      `  API server:          ${cluster.endpoint.server}`,
      ...(cluster.nodeFiles ? [`  control-plane files: ${cluster.nodeFiles.etcKubernetes} (the node's /etc/kubernetes)`] : []),
      '',
      'try:',
      `  export KUBECONFIG=${kubeconfig}`,
      `  ${kubectl} get nodes`,
      '',
      'Ctrl-C stops the cluster and removes its files.',
      '',
    ].join('\n'),
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  process.stderr.write('\nbatten: stopping the cluster ...\n');
  await cluster.dispose();
  return 0;
}
