/**
 * The built-in resources of the Kubernetes API (v1.34, as its discovery lists them, plus
 * the alpha and beta ones a flag can turn on), by API group, with their subresources; and
 * the names RBAC checks that no API serves. What a `canI` probe's `resource` may name
 * (besides a CRD the exercise installs). Data only.
 */
export const BUILTIN_RESOURCES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '': { bindings: [], componentstatuses: [], configmaps: [], endpoints: [], events: [], limitranges: [], namespaces: ['finalize', 'status'], nodes: ['proxy', 'status'], persistentvolumeclaims: ['status'], persistentvolumes: ['status'], pods: ['attach', 'binding', 'ephemeralcontainers', 'eviction', 'exec', 'log', 'portforward', 'proxy', 'resize', 'status'], podtemplates: [], replicationcontrollers: ['scale', 'status'], resourcequotas: ['status'], secrets: [], serviceaccounts: ['token'], services: ['proxy', 'status'] },
  'admissionregistration.k8s.io': { mutatingadmissionpolicies: [], mutatingadmissionpolicybindings: [], mutatingwebhookconfigurations: [], validatingadmissionpolicies: ['status'], validatingadmissionpolicybindings: [], validatingwebhookconfigurations: [] },
  'apiextensions.k8s.io': { customresourcedefinitions: ['status'] },
  'apiregistration.k8s.io': { apiservices: ['status'] },
  'apps': { controllerrevisions: [], daemonsets: ['status'], deployments: ['scale', 'status'], replicasets: ['scale', 'status'], statefulsets: ['scale', 'status'] },
  'authentication.k8s.io': { selfsubjectreviews: [], tokenreviews: [] },
  'authorization.k8s.io': { localsubjectaccessreviews: [], selfsubjectaccessreviews: [], selfsubjectrulesreviews: [], subjectaccessreviews: [] },
  'autoscaling': { horizontalpodautoscalers: ['status'] },
  'batch': { cronjobs: ['status'], jobs: ['status'] },
  'certificates.k8s.io': { certificatesigningrequests: ['approval', 'status'], clustertrustbundles: [], podcertificaterequests: ['status'] },
  'coordination.k8s.io': { leasecandidates: [], leases: [] },
  'discovery.k8s.io': { endpointslices: [] },
  'events.k8s.io': { events: [] },
  'flowcontrol.apiserver.k8s.io': { flowschemas: ['status'], prioritylevelconfigurations: ['status'] },
  'internal.apiserver.k8s.io': { storageversions: ['status'] },
  'networking.k8s.io': { ingressclasses: [], ingresses: ['status'], ipaddresses: [], networkpolicies: [], servicecidrs: ['status'] },
  'node.k8s.io': { runtimeclasses: [] },
  'policy': { poddisruptionbudgets: ['status'] },
  'rbac.authorization.k8s.io': { clusterrolebindings: [], clusterroles: [], rolebindings: [], roles: [] },
  'resource.k8s.io': { deviceclasses: [], resourceclaims: ['status'], resourceclaimtemplates: [], resourceslices: [] },
  'scheduling.k8s.io': { priorityclasses: [] },
  'storage.k8s.io': { csidrivers: [], csinodes: [], csistoragecapacities: [], storageclasses: [], volumeattachments: ['status'], volumeattributesclasses: [] },
  'storagemigration.k8s.io': { storageversionmigrations: ['status'] },
};

/** Resources only the authorizer knows: impersonation, signers, the kubelet's API. `*`
 * stands for any subresource (an extra's key, a signer's name). */
export const AUTHORIZER_RESOURCES: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  '': { users: [], groups: [], serviceaccounts: [], nodes: ['proxy', 'stats', 'metrics', 'log', 'spec', 'pods', 'configz', 'healthz', 'checkpoint'] },
  'authentication.k8s.io': { uids: [], userextras: ['*'] },
  'certificates.k8s.io': { signers: ['*'] },
};
