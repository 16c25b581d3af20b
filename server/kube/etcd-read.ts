import { ClusterError } from '../clusters/errors.ts';
import { apiRequest, type TlsClient } from './api-client.ts';

/** Reads one etcd key through etcd's v3 JSON gateway; undefined when the key is absent. */
export async function etcdRead(client: TlsClient, key: string): Promise<Buffer | undefined> {
  const res = await apiRequest(client, 'POST', '/v3/kv/range', { key: Buffer.from(key).toString('base64') });
  if (res.status !== 200) throw new ClusterError(`etcd read of ${key} failed with HTTP ${res.status}: ${res.body}`, 'check the etcd log of this cluster');
  const kv = res.json<{ kvs?: { value?: string }[] }>().kvs?.[0];
  return kv ? Buffer.from(kv.value ?? '', 'base64') : undefined;
}
