/**
 * The service's structured (JSON) logger. Redaction is a safety net: the HTTP and GraphQL log
 * lines are built to leave credentials and operation variables out in the first place, but a
 * careless `log.info({ req })` somewhere must still not leak a bearer token or a user's input.
 */
import { pino, type DestinationStream, type Logger } from 'pino';
import type { Config } from '../config.js';

export type { Logger };

const REDACTED_PATHS = [
  'authorization',
  'headers.authorization',
  'headers.cookie',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'password',
  '*.password',
  // Operation variables may carry personal data; log the operation name, never its inputs.
  'variables',
  '*.variables',
];

/** `destination` lets tests capture the lines; by default they go to stdout. */
export function createLogger(config: Pick<Config, 'logLevel'>, destination?: DestinationStream): Logger {
  return pino(
    {
      name: 'newsgraph',
      level: config.logLevel,
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    },
    destination,
  );
}
