import { describe, expect, it } from 'vitest';
import { anEntry } from './test-support.tsx';
import { facets, filterCatalog, NO_FILTER } from './catalog-filter.ts';

const LIST = [
  anEntry({ name: 'anonymous-access', title: 'Anonymous users can list pods', tags: ['rbac', 'K06', 'K09', 'cks-cluster-setup'], difficulty: 'beginner', minutes: 10 }),
  anEntry({ name: 'audit-logging', title: 'Nobody sees who read the secrets', tags: ['K10', 'cks-monitoring-logging-runtime'], difficulty: 'advanced', minutes: 35 }),
  anEntry({ name: 'csr-approval', title: 'Certificates for anyone', tags: ['K02', 'K09', 'cks-cluster-hardening'], difficulty: 'advanced', minutes: 25 }),
];
const names = (f: Partial<typeof NO_FILTER>) => filterCatalog(LIST, { ...NO_FILTER, ...f }).map((e) => e.name);

describe('catalog filters', () => {
  it('no filter keeps everything, in order', () => {
    expect(names({})).toEqual(['anonymous-access', 'audit-logging', 'csr-approval']);
  });
  it('by OWASP category, CKS domain, level and time, combined', () => {
    expect(names({ owasp: 'K09' })).toEqual(['anonymous-access', 'csr-approval']);
    expect(names({ cks: 'cks-monitoring-logging-runtime' })).toEqual(['audit-logging']);
    expect(names({ level: 'advanced', maxMinutes: 30 })).toEqual(['csr-approval']);
    expect(names({ owasp: 'K09', level: 'beginner' })).toEqual(['anonymous-access']);
  });
  it('text matches every word in the name, title or tags, in any case', () => {
    expect(names({ text: 'SECRETS nobody' })).toEqual(['audit-logging']);
    expect(names({ text: 'rbac' })).toEqual(['anonymous-access']);
    expect(names({ text: 'zzz' })).toEqual([]);
  });
  it('offers only what some exercise has, with counts', () => {
    const f = facets(LIST);
    expect(f.owasp.map((c) => [c.value, c.count])).toEqual([['K02', 1], ['K06', 1], ['K09', 2], ['K10', 1]]);
    expect(f.owasp[0]?.label).toBe('K02 · Overly permissive authorization');
    expect(f.cks.map((c) => c.label)).toEqual(['Cluster setup', 'Cluster hardening', 'Monitoring, logging and runtime security']);
    expect(f.levels.map((c) => [c.value, c.count])).toEqual([['beginner', 1], ['advanced', 2]]);
  });
});
