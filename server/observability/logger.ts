import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';
import { currentRequest } from './request-context';

export type { Logger };

/** Paths whose values never reach a log line, whatever logs them. */
const REDACT = [
  'authorization',
  'cookie',
  'secret',
  'token',
  'apiKey',
  'password',
  '*.authorization',
  '*.cookie',
  '*.secret',
  '*.token',
  '*.apiKey',
  '*.password',
  'headers.authorization',
  'headers.cookie',
  'headers["stripe-signature"]',
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface LoggerOptions {
  level: string;
  pretty: boolean;
  destination?: pino.DestinationStream;
}

/** JSON lines with the request id of the current request on each; pretty-printed in development. */
export function createLogger({ level, pretty: usePretty, destination }: LoggerOptions): Logger {
  const stream = destination ?? (usePretty ? pretty({ colorize: true, sync: true }) : undefined);
  return pino(
    {
      level,
      base: { service: 'billing-service' },
      redact: { paths: REDACT, censor: '[redacted]' },
      mixin: () => {
        const scope = currentRequest();
        return scope ? { requestId: scope.requestId } : {};
      },
    },
    stream,
  );
}
