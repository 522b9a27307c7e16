// JSON logs (pino) with the correlation id on every line and secrets redacted at the source.
import pino, { type DestinationStream, type Logger } from 'pino';
import { currentContext } from './context.ts';

export type { Logger } from 'pino';

/** Paths never written to logs: credentials, tokens and card data. */
const REDACT = [
  'password',
  '*.password',
  'cardToken',
  '*.cardToken',
  'card_token',
  '*.card_token',
  '*.*.card_token',
  '*.*.cardToken',
  'token',
  '*.token',
  'authorization',
  '*.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'secret',
  '*.secret',
  'access_token',
  '*.access_token',
  'refresh_token',
  '*.refresh_token',
  'mfa_token',
  '*.mfa_token',
  'client_secret',
  '*.client_secret',
  'password_hash',
  '*.password_hash',
  'passwordHash',
  '*.passwordHash',
  'req.headers["x-identity-signature"]',
];

/** `destination` defaults to stdout; tests pass a stream to read what would have been logged. */
export function createLogger(
  service: string,
  level = process.env.LOG_LEVEL ?? 'info',
  destination?: DestinationStream,
): Logger {
  return pino(
    {
      level,
      base: { service },
      redact: { paths: REDACT, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      mixin() {
        const ctx = currentContext();
        return ctx ? { correlationId: ctx.correlationId } : {};
      },
    },
    destination ?? pino.destination(1),
  );
}
