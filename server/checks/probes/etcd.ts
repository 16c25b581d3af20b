import { z } from 'zod';
import { ClusterError } from '../../clusters/errors.ts';
import type { ProbeKind } from '../probe.ts';

const schema = z.strictObject({
  resource: z.string().regex(/^[a-z0-9.]+$/).describe('etcd key segment: secrets, configmaps, deployments'),
  namespace: z.string().optional(),
  name: z.string().min(1),
  prefix: z.string().min(1).describe('e.g. k8s:enc: for encryption at rest'),
  expect: z.enum(['present', 'absent']).describe('whether the stored value starts with the prefix'),
});
type Spec = z.infer<typeof schema>;

/** The raw value of an object's key in etcd starts (or not) with a prefix: the only way
 * to see whether it is encrypted at rest. */
export const etcd: ProbeKind<Spec> = {
  schema,
  requires: ['nodes'],
  watches: (s) => (s.resource === 'secrets' ? [{ kind: 'Secret', namespace: s.namespace }] : s.resource === 'configmaps' ? [{ kind: 'ConfigMap', namespace: s.namespace }] : []),
  polls: true,
  async evaluate(ctx, s) {
    const key = `/registry/${s.resource}/${s.namespace ? `${s.namespace}/` : ''}${s.name}`;
    if (!ctx.etcdGet) throw new ClusterError('this cluster does not let the checker read etcd', 'run this exercise on a provider with the nodes capability');
    const value = await ctx.etcdGet(key);
    if (!value) return { ok: false, detail: `etcd has no ${key}: the object is gone` };
    const has = value.subarray(0, s.prefix.length).toString('latin1') === s.prefix;
    const stored = `etcd stores ${key}`;
    const attack = { request: `read ${key} straight from etcd (as a stolen etcd client certificate or a backup would)`, response: `the value starts with "${printablePrefix(value)}"` };
    if (s.expect === 'present') return has ? { ok: true, detail: `${stored} starting with ${s.prefix}`, attack } : { ok: false, detail: `${stored} without the ${s.prefix} prefix (readable by anyone who can read etcd)`, attack };
    return has ? { ok: false, detail: `${stored} starting with ${s.prefix}` } : { ok: true, detail: `${stored} without the ${s.prefix} prefix` };
  },
};

/** The start of a stored value, up to its first unprintable byte (never the data that
 * follows: a transcript must not hold the Secret). Pure. */
export function printablePrefix(value: Buffer, max = 40): string {
  let end = 0;
  while (end < Math.min(value.length, max) && value[end]! >= 0x20 && value[end]! < 0x7f) end++;
  const shown = value.subarray(0, end).toString('latin1');
  return end < value.length ? `${shown}…` : shown;
}
