/** Bytes every kind of one recorder may keep, together. */
export class CacheBudget {
  used = 0;
  constructor(readonly maxBytes: number) {}
}

type Normalized = Record<string, unknown>;

/**
 * The objects of one kind as last seen (normalized), to diff the next change against. A
 * learner owns the cluster and can fill it: past the recorder's byte budget an object is
 * kept as a stub (name, namespace, owners) — its next change is still an update, diffed
 * against the stub (every path shown as added). Pure (no I/O).
 */
export class ObjectCache {
  private readonly objects = new Map<string, { obj: Normalized; bytes: number }>();

  constructor(private readonly budget: CacheBudget) {}

  get(key: string): Normalized | undefined {
    return this.objects.get(key)?.obj;
  }

  has(key: string): boolean {
    return this.objects.has(key);
  }

  set(key: string, obj: Normalized): void {
    this.delete(key);
    const bytes = JSON.stringify(obj).length;
    const kept = this.budget.used + bytes <= this.budget.maxBytes ? { obj, bytes } : { obj: stub(obj), bytes: 0 };
    this.budget.used += kept.bytes;
    this.objects.set(key, kept);
  }

  delete(key: string): void {
    const had = this.objects.get(key);
    if (!had) return;
    this.budget.used -= had.bytes;
    this.objects.delete(key);
  }

  entries(): [string, Normalized][] {
    return [...this.objects].map(([k, v]) => [k, v.obj]);
  }
}

function stub(obj: Normalized): Normalized {
  const md = (obj.metadata ?? {}) as { name?: unknown; namespace?: unknown; ownerReferences?: unknown };
  return { metadata: { name: md.name, ...(md.namespace !== undefined ? { namespace: md.namespace } : {}), ...(md.ownerReferences !== undefined ? { ownerReferences: md.ownerReferences } : {}) } };
}
