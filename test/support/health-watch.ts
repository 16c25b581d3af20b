/**
 * Polls a server's /healthz while an attack runs, so a test can assert the platform kept
 * answering: every answer's latency, and the requests that failed or went unanswered for
 * five seconds (what a blocked event loop or worker pool does; a merely busy machine does not).
 */
export function watchHealth(base: string, everyMs = 50): { stop: () => Promise<{ count: number; p95Ms: number; maxMs: number; failures: number }> } {
  const latencies: number[] = [];
  let failures = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t0 = performance.now();
      const ok = await fetch(`${base}/healthz`, { signal: AbortSignal.timeout(5000) }).then((r) => r.ok, () => false);
      latencies.push(performance.now() - t0);
      if (!ok) failures++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
      const sorted = [...latencies].sort((a, b) => a - b);
      return {
        count: sorted.length,
        p95Ms: Math.round(sorted[Math.floor(sorted.length * 0.95)] ?? 0),
        maxMs: Math.round(sorted.at(-1) ?? 0),
        failures,
      };
    },
  };
}
