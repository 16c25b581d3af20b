import { readFile } from 'node:fs/promises';

/** The host's used memory as `free` counts it (MemTotal − MemAvailable), in bytes. */
export async function hostUsedBytes(): Promise<number> {
  return usedBytes(await readFile('/proc/meminfo', 'utf8'));
}

/** MemTotal − MemAvailable of a /proc/meminfo text, in bytes. Pure. */
export function usedBytes(meminfo: string): number {
  const kb = (key: string) => {
    const m = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(meminfo);
    if (!m) throw new Error(`/proc/meminfo has no ${key}`);
    return Number(m[1]) * 1024;
  };
  return kb('MemTotal') - kb('MemAvailable');
}
