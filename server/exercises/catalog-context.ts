import path from 'node:path';
import { PROBE_SPECS } from '../checks/probes/index.ts';
import { REPO_ROOT } from '../setup/controlplane-build.ts';
import type { LoadContext } from './loader.ts';

export const EXERCISES_DIR = path.join(REPO_ROOT, 'exercises');

/** Capabilities of the cluster providers that exist in this build (embedded: api, nodes;
 * kind: api, nodes, runtime, network). Whether the running server's provider has them is the
 * catalog's business: it lists an exercise as available only where it can run. */
export const PROVIDER_CAPABILITIES: ReadonlySet<string> = new Set(['api', 'nodes', 'runtime', 'network']);

/** What the server, the CLI and CI load exercises with: one loader, one registry. */
export const LOAD_CONTEXT: LoadContext = { probeSpecs: PROBE_SPECS, providerCapabilities: PROVIDER_CAPABILITIES };
