import { isIPv6 } from 'node:net';

/** A token bucket: `rate` events per second, bursts up to `burst`. Pure (clock injected). */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly rate: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.last = now();
  }

  take(): boolean {
    const t = this.now();
    this.tokens = Math.min(this.burst, this.tokens + ((t - this.last) / 1000) * this.rate);
    this.last = t;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Gives one token back (the event turned out not to count). */
  give(): void {
    this.tokens = Math.min(this.burst, this.tokens + 1);
  }
}

/**
 * One token bucket per key (a username, a client address), at most `maxKeys` of them. A key
 * left alone long enough to refill is indistinguishable from a new one, so the least recently
 * used such keys are forgotten to make room; while every key is recent a new key is refused
 * instead. So a flood of made-up keys never resets the bucket of a key in use, and memory
 * stays bounded. Pure (clock injected).
 */
export class KeyedLimiter {
  /** Least recently used first (a Map keeps insertion order; a use re-inserts). */
  private readonly buckets = new Map<string, { bucket: TokenBucket; seen: number }>();
  private readonly refillMs: number;

  constructor(private readonly o: { rate: number; burst: number; maxKeys: number; now?: () => number }) {
    this.refillMs = (o.burst / o.rate) * 1000;
  }

  private get now(): () => number {
    return this.o.now ?? Date.now;
  }

  take(key: string): boolean {
    const t = this.now();
    let entry = this.buckets.get(key);
    if (entry) this.buckets.delete(key);
    else if (this.makeRoom(t)) entry = { bucket: new TokenBucket(this.o.rate, this.o.burst, this.now), seen: t };
    else return false;
    entry.seen = t;
    this.buckets.set(key, entry);
    return entry.bucket.take();
  }

  /** Gives back the token a `take` of this key used. */
  give(key: string): void {
    this.buckets.get(key)?.bucket.give();
  }

  get size(): number {
    return this.buckets.size;
  }

  private makeRoom(t: number): boolean {
    for (const [key, entry] of this.buckets) {
      if (this.buckets.size < this.o.maxKeys) break;
      if (t - entry.seen < this.refillMs) return false; // the oldest is recent: so is every other
      this.buckets.delete(key);
    }
    return this.buckets.size < this.o.maxKeys;
  }
}

/** The part of a client address one party controls: an IPv4 address, or an IPv6 /64 (a
 * single host is usually given a whole /64). */
export function addressKey(address: string | undefined): string {
  const a = (address ?? '').replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(a);
  if (mapped) return mapped[1]!;
  if (!isIPv6(a)) return a;
  const [head = '', tail] = a.split('::');
  const groups = head ? head.split(':') : [];
  if (tail !== undefined) groups.push(...Array<string>(8 - groups.length - (tail ? tail.split(':').length : 0)).fill('0'));
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
