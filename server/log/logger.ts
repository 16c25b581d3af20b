import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs. Credentials never reach a log line: the keys below are redacted
 * wherever they appear. */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'batten' },
    redact: {
      paths: ['*.keyPem', '*.certPem', '*.password', '*.token', '*.cookie', 'req.headers.cookie', 'req.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
