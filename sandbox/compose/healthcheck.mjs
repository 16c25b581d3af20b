// The Batten container's health check (docker-compose.yml): GET /healthz on the address
// the server listens on (HOST and PORT, as the server reads them), within 4 seconds.
const host = !process.env.HOST || ['0.0.0.0', '::'].includes(process.env.HOST) ? '127.0.0.1' : process.env.HOST;
const url = `http://${host.includes(':') ? `[${host}]` : host}:${process.env.PORT || 8080}/healthz`;
fetch(url, { signal: AbortSignal.timeout(4000) }).then(
  (r) => process.exit(r.ok ? 0 : 1),
  () => process.exit(1),
);
