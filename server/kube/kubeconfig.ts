import { stringify } from 'yaml';

/** Renders a kubeconfig with everything inline, so it names no other file. */
export function renderKubeconfig(o: { clusterName: string; server: string; caPem: string; user: string; certPem: string; keyPem: string }): string {
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: o.clusterName, cluster: { server: o.server, 'certificate-authority-data': b64(o.caPem) } }],
    users: [{ name: o.user, user: { 'client-certificate-data': b64(o.certPem), 'client-key-data': b64(o.keyPem) } }],
    contexts: [{ name: `${o.user}@${o.clusterName}`, context: { cluster: o.clusterName, user: o.user } }],
    'current-context': `${o.user}@${o.clusterName}`,
  });
}
