import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import type { ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  namespace: z.string().min(1),
  pod: z.string().min(1),
  container: z.string().optional(),
  command: z.array(z.string()).min(1),
  expectExit: z.number().int().default(0),
});
type Spec = z.infer<typeof schema>;

/** A command in a pod exits as expected. It needs a container runtime, so an exercise that
 * uses it is listed as unavailable on providers without `runtime` (the embedded one). */
export const exec: ProbeKind<Spec> = {
  schema,
  requires: ['runtime'],
  watches: () => [{ kind: 'Pod' }],
  async evaluate(ctx) {
    throw new ClusterError(`the exec probe needs a container runtime; this cluster has ${ctx.capabilities.join(', ')}`, 'run this exercise on a provider with the runtime capability (kind)');
  },
};
