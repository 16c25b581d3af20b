/**
 * The files of a new exercise, as `batten exercise new NAME` writes them. Pure.
 *
 * It is a complete, provable exercise (a service account that can read every Secret of its
 * namespace through a too-broad RoleBinding), so an author starts from something that
 * passes `batten exercise test` and changes it piece by piece.
 */
export const EXERCISE_NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function scaffoldExercise(name: string): Record<string, string> {
  if (!EXERCISE_NAME.test(name)) throw new Error(`"${name}" is not a valid exercise name: use lowercase letters, digits and dashes (at most 63), starting and ending with a letter or digit`);
  const sa = `system:serviceaccount:${name}:default`;
  return {
    'exercise.yaml': `# yaml-language-server: $schema=../schema.json
# The exercise: what the learner must achieve (objectives), how each is tested by replaying
# the attack (pass probes), and what must keep working (keep guards).
# Prove it with: bin/batten exercise test ${name}     Work on it live: bin/batten exercise dev ${name}
apiVersion: batten.dev/v1
kind: Exercise
metadata:
  name: ${name}
  title: The ${name} service account can read every Secret of its namespace
  difficulty: beginner
  tags: [rbac, K02]
  minutes: 10
requires: [api]
objectives:
  - id: sa-cannot-read-secrets
    title: The application's service account can no longer read Secrets
    points: 100
    hints:
      - { text: "kubectl get rolebindings -n ${name} -o wide", cost: 10 }
    pass:
      - canI: { as: "${sa}", verb: get, resource: secrets, namespace: ${name}, expect: denied }
      - canI: { as: "${sa}", verb: list, resource: secrets, namespace: ${name}, expect: denied }
    keep:
      - canI: { as: "${sa}", verb: get, resource: configmaps, namespace: ${name}, expect: allowed }
      - ready: { kind: Deployment, namespace: ${name}, name: web }
`,
    'briefing.md': `# ${name}

The \`web\` application in namespace \`${name}\` reads its settings from a ConfigMap. Someone
gave its service account far more than that. Anyone who gets a shell in the application's
pod can now read every Secret of the namespace.

Take that power away without breaking the application: it must still read its ConfigMap.
`,
    'setup/app.yaml': `apiVersion: v1
kind: Namespace
metadata:
  name: ${name}
---
apiVersion: v1
kind: ConfigMap
metadata: { name: web-config, namespace: ${name} }
data: { greeting: hello }
---
apiVersion: v1
kind: Secret
metadata: { name: db-password, namespace: ${name} }
stringData: { password: change-me }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: web, namespace: ${name} }
spec:
  replicas: 1
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec:
      containers: [{ name: web, image: nginx:1.27 }]
`,
    'setup/the-weakness.yaml': `# "It needed its ConfigMap, so I gave it edit." — the weakness the learner must find
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: { name: web-edit, namespace: ${name} }
subjects: [{ kind: ServiceAccount, name: default, namespace: ${name} }]
roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: edit }
`,
    'solution/solution.sh': `# The reference fix, run as a learner would type it.
kubectl -n ${name} create role web-config-reader --verb=get --resource=configmaps
kubectl -n ${name} create rolebinding web-config-reader --role=web-config-reader --serviceaccount=${name}:default
kubectl -n ${name} delete rolebinding web-edit
`,
    'cheats/delete-the-application.sh': `# A shortcut that must earn nothing: no application, no weakness (the keep guards fail).
kubectl -n ${name} delete rolebinding web-edit
kubectl -n ${name} delete deployment web
`,
  };
}
