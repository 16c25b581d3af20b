import type { Cluster, ClusterOptions, ClusterProvider } from './provider.ts';

/** A provider that starts at most `max` clusters at once, whichever pool asks: starting a
 * cluster takes most of a CPU core for seconds. */
export function limitStarts(provider: ClusterProvider, max: number): ClusterProvider {
  let running = 0;
  const queue: (() => void)[] = [];
  const slot = () => (running < max ? (running++, Promise.resolve()) : new Promise<void>((r) => queue.push(() => (running++, r()))));
  const free = () => {
    running--;
    queue.shift()?.();
  };
  return {
    name: provider.name,
    capabilities: provider.capabilities,
    collectGarbage: () => provider.collectGarbage(),
    held: () => provider.held(),
    async create(options?: ClusterOptions): Promise<Cluster> {
      await slot();
      try {
        return await provider.create(options);
      } finally {
        free();
      }
    },
  };
}
