import { ClusterError } from '../clusters/errors.ts';
import { ConfigError } from '../config/config.ts';

/** Prints one clear error (with its fix) and exits non-zero. */
export function fatal(err: unknown): never {
  if (err instanceof ClusterError) process.stderr.write(`batten: ${err.message}\n  fix: ${err.fix}\n`);
  else if (err instanceof ConfigError) process.stderr.write(`batten: ${err.message}\n`);
  else if (err instanceof Error) process.stderr.write(`batten: ${err.message}\n`);
  else process.stderr.write(`batten: ${String(err)}\n`);
  process.exit(1);
}
