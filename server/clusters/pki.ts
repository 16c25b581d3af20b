import 'reflect-metadata'; // @peculiar/x509 resolves its services through tsyringe
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

const ALG = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
const YEAR_MS = 365 * 24 * 3600 * 1000;

export interface KeyPairPem {
  certPem: string;
  keyPem: string;
}

/** Everything one cluster needs: its own CA, the API server's serving certificate, the
 * service-account signing key and one client certificate per identity or component. */
export interface ClusterPki {
  ca: KeyPairPem;
  apiServer: KeyPairPem;
  /** etcd's serving and peer certificate; etcd accepts only clients of this CA. */
  etcdServer: KeyPairPem;
  apiServerEtcdClient: KeyPairPem;
  /** Lets the checker read raw etcd values (encryption at rest). */
  checkerEtcdClient: KeyPairPem;
  serviceAccount: { publicPem: string; privatePem: string };
  clients: Record<ClientName, KeyPairPem>;
}

/** Client certificates: CN is the user name, O the groups, as Kubernetes reads them. */
export const CLIENTS = {
  learner: { cn: 'kubernetes-admin', groups: ['system:masters'] },
  checker: { cn: 'batten:checker', groups: ['system:masters'] },
  controllerManager: { cn: 'system:kube-controller-manager', groups: [] },
  scheduler: { cn: 'system:kube-scheduler', groups: [] },
  kwok: { cn: 'batten:kwok', groups: ['system:masters'] },
} as const;
export type ClientName = keyof typeof CLIENTS;

function pem(label: string, der: ArrayBuffer): string {
  const b64 = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN ${label}-----\n${b64.replace(/\n$/, '')}\n-----END ${label}-----\n`;
}

async function keyPair(): Promise<CryptoKeyPair> {
  return (await webcrypto.subtle.generateKey(ALG, true, ['sign', 'verify'])) as CryptoKeyPair;
}

async function privatePem(key: CryptoKey): Promise<string> {
  return pem('PRIVATE KEY', await webcrypto.subtle.exportKey('pkcs8', key));
}

function serial(): string {
  return Buffer.from(webcrypto.getRandomValues(new Uint8Array(16))).toString('hex').replace(/^[89a-f]/, '1');
}

function dn(cn: string, groups: readonly string[] = []): string {
  // RFC 4514 escaping of the few characters our names could contain.
  const esc = (v: string) => v.replace(/([,+"\\<>;=])/g, '\\$1');
  return [`CN=${esc(cn)}`, ...groups.map((g) => `O=${esc(g)}`)].join(', ');
}

/** Generates a fresh PKI. ECDSA P-256 keeps this to a few milliseconds. */
export async function generatePki(clusterName: string): Promise<ClusterPki> {
  const notBefore = new Date(Date.now() - 60_000);
  const notAfter = new Date(Date.now() + YEAR_MS);
  const caKeys = await keyPair();
  const caCert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serial(),
    name: dn(`batten-ca-${clusterName}`),
    notBefore,
    notAfter,
    keys: caKeys,
    signingAlgorithm: ALG,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(caKeys.publicKey),
    ],
  });

  const issue = async (subject: string, usage: 'server' | 'client' | 'peer'): Promise<KeyPairPem> => {
    const keys = await keyPair();
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension(
        usage === 'peer'
          ? [x509.ExtendedKeyUsage.serverAuth, x509.ExtendedKeyUsage.clientAuth]
          : [usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth],
      ),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ];
    if (usage !== 'client') {
      extensions.push(
        new x509.SubjectAlternativeNameExtension([
          { type: 'ip', value: '127.0.0.1' },
          { type: 'ip', value: '10.96.0.1' },
          { type: 'dns', value: 'localhost' },
          { type: 'dns', value: 'kubernetes' },
          { type: 'dns', value: 'kubernetes.default' },
          { type: 'dns', value: 'kubernetes.default.svc' },
          { type: 'dns', value: 'kubernetes.default.svc.cluster.local' },
        ]),
      );
    }
    const cert = await x509.X509CertificateGenerator.create({
      serialNumber: serial(),
      subject,
      issuer: caCert.subject,
      notBefore,
      notAfter,
      signingAlgorithm: ALG,
      publicKey: keys.publicKey,
      signingKey: caKeys.privateKey,
      extensions,
    });
    return { certPem: cert.toString('pem') + '\n', keyPem: await privatePem(keys.privateKey) };
  };

  const sa = await keyPair();
  const clients = {} as Record<ClientName, KeyPairPem>;
  for (const [name, c] of Object.entries(CLIENTS) as [ClientName, (typeof CLIENTS)[ClientName]][]) {
    clients[name] = await issue(dn(c.cn, c.groups), 'client');
  }
  return {
    ca: { certPem: caCert.toString('pem') + '\n', keyPem: await privatePem(caKeys.privateKey) },
    apiServer: await issue(dn('kube-apiserver'), 'server'),
    etcdServer: await issue(dn('etcd'), 'peer'),
    apiServerEtcdClient: await issue(dn('kube-apiserver-etcd-client'), 'client'),
    checkerEtcdClient: await issue(dn('batten:checker-etcd'), 'client'),
    serviceAccount: {
      publicPem: pem('PUBLIC KEY', await webcrypto.subtle.exportKey('spki', sa.publicKey)),
      privatePem: await privatePem(sa.privateKey),
    },
    clients,
  };
}
