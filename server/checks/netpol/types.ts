/** The inputs of the NetworkPolicy evaluator: the subset of the Kubernetes JSON it reads.
 * Structurally compatible with raw API objects (core/v1 Pod and Namespace,
 * networking.k8s.io/v1 NetworkPolicy), so objects from a list call can be passed as they are. */

export type Labels = Record<string, string>;

export interface ObjectMeta {
  name: string;
  /** Absent means `default`, as kubectl assumes. */
  namespace?: string;
  labels?: Labels;
}

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** metav1.LabelSelector. `{}` selects everything. */
export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

export interface ContainerPort {
  name?: string;
  containerPort: number;
  /** Defaults to TCP. */
  protocol?: Protocol;
}

export interface Pod {
  metadata: ObjectMeta;
  spec?: { containers?: { name?: string; ports?: ContainerPort[] }[]; initContainers?: { name?: string; ports?: ContainerPort[] }[]; hostNetwork?: boolean };
  status?: { podIP?: string; podIPs?: { ip: string }[]; phase?: string };
}

export interface Namespace {
  metadata: { name: string; labels?: Labels };
}

export interface IPBlock {
  cidr: string;
  except?: string[];
}

export interface NetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: IPBlock;
}

export interface NetworkPolicyPort {
  /** Defaults to TCP. */
  protocol?: Protocol;
  /** A number, or the name of a container port of the destination pod. Absent = all ports. */
  port?: number | string;
  /** With a numeric `port`: the range port..endPort, inclusive. */
  endPort?: number;
}

export interface NetworkPolicyIngressRule {
  from?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export interface NetworkPolicyEgressRule {
  to?: NetworkPolicyPeer[];
  ports?: NetworkPolicyPort[];
}

export type PolicyType = 'Ingress' | 'Egress';

export interface NetworkPolicySpec {
  podSelector?: LabelSelector;
  policyTypes?: PolicyType[];
  ingress?: NetworkPolicyIngressRule[];
  egress?: NetworkPolicyEgressRule[];
}

export interface NetworkPolicy {
  metadata: ObjectMeta;
  spec: NetworkPolicySpec;
}

/** A pod named by namespace and name. */
export interface PodRef {
  namespace: string;
  name: string;
}

export interface ReachInput {
  pods: readonly Pod[];
  namespaces: readonly Namespace[];
  policies: readonly NetworkPolicy[];
  /** A pod, or a client outside the cluster's pods known only by its IP. */
  from: PodRef | { ip: string };
  /** A pod, or an address outside the cluster's pods (the cloud's metadata service): then
   * only the source pod's egress decides. */
  to: PodRef | { ip: string };
  /** A number, or the name of one of the destination pod's container ports. */
  port: number | string;
  /** Defaults to TCP. */
  protocol?: Protocol;
}

export interface ReachVerdict {
  allowed: boolean;
  detail: string;
}
