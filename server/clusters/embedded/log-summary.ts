/** The line of a Kubernetes component's log that says why it stopped, or the last few
 * lines when none does. Pure. */
export function failureSummary(log: string, fallbackLines = 8): string {
  const lines = log.trimEnd().split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const line = lines[i]!;
    const failed = /"command failed" err="(.*)"\s*$/.exec(line);
    if (failed) return failed[1]!.replace(/\\"/g, '"');
    const plain = /^(?:Error|error): (.*)$/.exec(line);
    if (plain) return plain[1]!;
    const etcd = /"level":"fatal".*"msg":"([^"]*)"(?:.*"error":"([^"]*)")?/.exec(line);
    if (etcd) return etcd[2] ? `${etcd[1]}: ${etcd[2]}` : etcd[1]!;
  }
  return lines.slice(-fallbackLines).join('\n    ');
}
