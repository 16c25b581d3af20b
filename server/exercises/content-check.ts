import { compileCel } from '../checks/cel-eval.ts';
import { AUTHORIZER_RESOURCES, BUILTIN_RESOURCES } from './builtin-resources.ts';
import type { InstanceProblem } from './instance.ts';
import type { LoadedExercise, Manifest } from './loader.ts';
import { formatPath, suggest } from './schema.ts';

/**
 * What the schema cannot see in a valid exercise, found before any cluster runs it (pure):
 * a `cel` probe or a ValidatingAdmissionPolicy whose CEL does not compile, a `canI` probe
 * asking about a resource no API serves (its answer would be "denied" whatever the
 * learner does).
 */
export function contentProblems(ex: LoadedExercise): InstanceProblem[] {
  const manifests = [...ex.setup, ...ex.solutions.flatMap((s) => s.manifests), ...ex.cheats.flatMap((c) => c.manifests)];
  const crds = new Set(manifests.filter((m) => m.object.kind === 'CustomResourceDefinition').map((m) => m.object.metadata.name));
  const problems: InstanceProblem[] = [];
  const file = `${ex.name}/exercise.yaml`;
  ex.exercise.objectives.forEach((o, i) => {
    for (const list of ['pass', 'keep'] as const) {
      o[list].forEach((p, j) => {
        const at = (field: string) => ['objectives', i, list, j, p.kind, field];
        const spec = p.spec as { expression?: string; resource?: string };
        if (p.kind === 'cel' && typeof spec.expression === 'string') {
          const err = compileCel(spec.expression);
          if (err) problems.push({ file, path: formatPath(at('expression')), docPath: at('expression'), message: `the CEL does not compile (${err}); fix the expression` });
        }
        if (p.kind === 'canI' && typeof spec.resource === 'string') {
          const err = unknownResource(spec.resource, crds);
          if (err) problems.push({ file, path: formatPath(at('resource')), docPath: at('resource'), message: err });
        }
      });
    }
  });
  for (const m of manifests) problems.push(...policyCelProblems(m));
  return problems;
}

/** The CEL fields of a ValidatingAdmissionPolicy: `[list, field]` under spec. */
const POLICY_CEL: ReadonlyArray<readonly [string, string]> = [
  ['validations', 'expression'],
  ['validations', 'messageExpression'],
  ['matchConditions', 'expression'],
  ['variables', 'expression'],
  ['auditAnnotations', 'valueExpression'],
];

/** Every CEL expression of a ValidatingAdmissionPolicy manifest that does not compile. */
export function policyCelProblems(m: Manifest): InstanceProblem[] {
  const o = m.object as { apiVersion: string; kind: string; spec?: Record<string, unknown> };
  if (o.kind !== 'ValidatingAdmissionPolicy' || !o.apiVersion.startsWith('admissionregistration.k8s.io/')) return [];
  const problems: InstanceProblem[] = [];
  for (const [list, field] of POLICY_CEL) {
    const items = o.spec?.[list];
    if (!Array.isArray(items)) continue;
    items.forEach((item: unknown, k) => {
      const expr = (item as Record<string, unknown> | null)?.[field];
      if (typeof expr !== 'string') return;
      const err = compileCel(expr, { kubernetes: true });
      if (err) problems.push({ file: m.file, path: `document ${m.index + 1}: spec.${list}[${k}].${field}`, message: `the CEL does not compile (${err}); fix the expression` });
    });
  }
  return problems;
}

const parts = (resource: string) => {
  const [resourceGroup = '', sub] = resource.split('/', 2);
  const dot = resourceGroup.indexOf('.');
  return { plural: dot < 0 ? resourceGroup : resourceGroup.slice(0, dot), group: dot < 0 ? '' : resourceGroup.slice(dot + 1), sub };
};
const written = (plural: string, group: string) => (group ? `${plural}.${group}` : plural);

/** Why a canI `resource` (`secrets`, `deployments.apps`, `pods/exec`) names nothing the
 * API server authorizes, or undefined when it does: a built-in resource and subresource,
 * one the authorizer alone knows (impersonation, signers, the kubelet's), a wildcard, or a
 * CRD the exercise installs (`crds`: their names, `plural.group`). */
export function unknownResource(resource: string, crds: ReadonlySet<string>): string | undefined {
  const { plural, group, sub } = parts(resource);
  if (plural === '*' || crds.has(written(plural, group))) return undefined;
  const subs = [...(BUILTIN_RESOURCES[group]?.[plural] ?? []), ...(AUTHORIZER_RESOURCES[group]?.[plural] ?? [])];
  const known = Object.hasOwn(BUILTIN_RESOURCES[group] ?? {}, plural) || Object.hasOwn(AUTHORIZER_RESOURCES[group] ?? {}, plural);
  const fix = 'write the plural resource with its API group and subresource, like deployments.apps or pods/exec (or install its CRD in setup/)';
  if (!known) {
    const all = [BUILTIN_RESOURCES, AUTHORIZER_RESOURCES].flatMap((t) => Object.entries(t).flatMap(([g, rs]) => Object.keys(rs).map((r) => written(r, g))));
    const sameName = all.find((r) => parts(r).plural === plural);
    const hint = sameName ? ` (did you mean "${sameName}"?)` : suggest(written(plural, group), all);
    return `"${written(plural, group)}" is not a built-in resource${hint}; ${fix}`;
  }
  if (sub === undefined || sub === '*' || subs.includes('*') || subs.includes(sub)) return undefined;
  const listed = subs.length > 0 ? `its subresources are ${subs.join(', ')}` : 'it has no subresources';
  return `"${written(plural, group)}" has no subresource "${sub}"${suggest(sub, subs)}; ${listed}`;
}
