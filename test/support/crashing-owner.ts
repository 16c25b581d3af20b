/** Starts one cluster and prints its name, then waits to be killed: stands in for a
 * server that crashes with clusters running (used by the garbage-collection test). */
import { createProvider } from '../../server/clusters/create-provider.ts';
import { loadConfig } from '../../server/config/config.ts';
import type { EmbeddedCluster } from '../../server/clusters/embedded/embedded-cluster.ts';

const cluster = (await createProvider(loadConfig()).create()) as EmbeddedCluster;
process.stdout.write(JSON.stringify({ name: cluster.name, pids: await cluster.pids() }) + '\n');
setInterval(() => undefined, 1 << 30);
