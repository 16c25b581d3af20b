import type { LabelSelector, LabelSelectorRequirement, Labels } from './types.ts';

/** Whether `labels` satisfy `selector`, with the semantics of metav1.LabelSelector:
 * every matchLabels pair and every matchExpressions requirement must hold; `{}` matches
 * everything. Throws on an operator Kubernetes does not define. Pure. */
export function matches(selector: LabelSelector, labels: Labels | undefined): boolean {
  const have = labels ?? {};
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.hasOwn(have, key) || have[key] !== value) return false;
  }
  return (selector.matchExpressions ?? []).every((r) => requirementHolds(r, have));
}

function requirementHolds(r: LabelSelectorRequirement, labels: Labels): boolean {
  const present = Object.hasOwn(labels, r.key);
  const values = r.values ?? [];
  switch (r.operator) {
    case 'In':
      return present && values.includes(labels[r.key] as string);
    case 'NotIn':
      // A pod without the label is "not in" any set of values.
      return !present || !values.includes(labels[r.key] as string);
    case 'Exists':
      return present;
    case 'DoesNotExist':
      return !present;
    default:
      throw new Error(`label selector: unknown operator "${String((r as { operator: unknown }).operator)}" for key "${r.key}" (expected In, NotIn, Exists or DoesNotExist)`);
  }
}

/** True for `{}` (and a selector with only empty lists): it selects everything. */
export function isEmptySelector(selector: LabelSelector): boolean {
  return Object.keys(selector.matchLabels ?? {}).length === 0 && (selector.matchExpressions ?? []).length === 0;
}

/** The selector in kubectl's notation, e.g. `app=web,tier notin (db),!legacy`; `{}` for empty. */
export function formatSelector(selector: LabelSelector): string {
  const parts = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const r of selector.matchExpressions ?? []) {
    const values = (r.values ?? []).join(',');
    if (r.operator === 'In') parts.push(`${r.key} in (${values})`);
    else if (r.operator === 'NotIn') parts.push(`${r.key} notin (${values})`);
    else if (r.operator === 'Exists') parts.push(r.key);
    else parts.push(`!${r.key}`);
  }
  return parts.length === 0 ? '{}' : parts.join(',');
}
