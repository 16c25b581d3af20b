/** The curricula exercises are tagged against (tags in exercise.yaml metadata.tags), for
 * the coverage table and the catalog's filters. */

export const OWASP_K8S_2025: ReadonlyArray<readonly [tag: string, title: string]> = [
  ['K01', 'Insecure workload configurations'],
  ['K02', 'Overly permissive authorization'],
  ['K03', 'Secrets management failures'],
  ['K04', 'Lack of cluster-level policy enforcement'],
  ['K05', 'Missing network segmentation'],
  ['K06', 'Overly exposed Kubernetes components'],
  ['K07', 'Misconfigured and vulnerable cluster components'],
  ['K08', 'Cluster-to-cloud lateral movement'],
  ['K09', 'Broken authentication'],
  ['K10', 'Inadequate logging and monitoring'],
];

export const CKS_DOMAINS: ReadonlyArray<readonly [tag: string, title: string]> = [
  ['cks-cluster-setup', 'Cluster setup'],
  ['cks-cluster-hardening', 'Cluster hardening'],
  ['cks-system-hardening', 'System hardening'],
  ['cks-microservice-vulnerabilities', 'Minimize microservice vulnerabilities'],
  ['cks-supply-chain', 'Supply chain security'],
  ['cks-monitoring-logging-runtime', 'Monitoring, logging and runtime security'],
];
