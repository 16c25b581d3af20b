import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderKindConfig } from './cluster-config.ts';

const BASE = `kind: Cluster
apiVersion: kind.x-k8s.io/v1alpha4
networking:
  disableDefaultCNI: true
kubeadmConfigPatches:
  - |
    kind: KubeletConfiguration
    failCgroupV1: false
nodes:
  - role: control-plane
`;
const dirs = { etcKubernetes: '/data/c/etc', varLogKubernetes: '/data/c/log' };

describe('renderKindConfig', () => {
  it('keeps the base settings and mounts the node directories from the host', () => {
    const c = parse(renderKindConfig(BASE, { dirs }));
    expect(c.networking).toEqual({ disableDefaultCNI: true });
    expect(c.kubeadmConfigPatches).toHaveLength(1);
    expect(c.nodes).toEqual([
      {
        role: 'control-plane',
        extraMounts: [
          { hostPath: '/data/c/etc', containerPath: '/etc/kubernetes' },
          { hostPath: '/data/c/log', containerPath: '/var/log/kubernetes' },
        ],
      },
    ]);
  });

  it('passes API-server flags, and mounts the directories of exercise files into the API server', () => {
    const c = parse(renderKindConfig(BASE, { dirs, apiServerFlags: { 'anonymous-auth': 'true', 'encryption-provider-config': '/etc/kubernetes/enc/enc.yaml' }, files: { 'enc/enc.yaml': 'x', 'enc/other.yaml': 'y', 'audit.d/policy.yaml': 'p', 'audit.yaml': 'z' } }));
    const patch = parse(c.kubeadmConfigPatches[1]);
    expect(patch.kind).toBe('ClusterConfiguration');
    expect(patch.apiServer.extraArgs).toEqual({ 'anonymous-auth': 'true', 'encryption-provider-config': '/etc/kubernetes/enc/enc.yaml' });
    expect(patch.apiServer.extraVolumes.map((v: { hostPath: string; readOnly: boolean }) => [v.hostPath, v.readOnly])).toEqual([
      ['/etc/kubernetes/enc', true],
      ['/etc/kubernetes/audit.d', true],
      ['/etc/kubernetes/audit.yaml', true],
    ]);
  });

  it('refuses a flag name or value that could change the configuration around it', () => {
    expect(() => renderKindConfig(BASE, { dirs, apiServerFlags: { '--x': '1' } })).toThrow(/invalid API-server flag name "--x"/);
    expect(() => renderKindConfig(BASE, { dirs, apiServerFlags: { x: '1\nkind: Evil' } })).toThrow(/line break/);
  });

  it('names the fix when the base configuration is empty', () => {
    expect(() => renderKindConfig('', { dirs })).toThrow(expect.objectContaining({ message: expect.stringMatching(/is empty/), fix: expect.stringMatching(/setup --kind/) }));
  });
});
