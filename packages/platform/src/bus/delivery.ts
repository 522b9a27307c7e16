// What both buses decide per delivery: decode the body, classify the message, and retry or dead-letter a failure.
import { type Envelope, messageDefinition, validateEnvelope } from '@techcorp/contracts';
import { PermanentMessageError } from './bus.ts';

export const DEFAULT_PREFETCH = 16;
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1000, 5000, 25000];

export type Decoded = { ok: true; envelope: Envelope } | { ok: false; error: string };

/** Parses and validates a message body; a body that fails here can never succeed and goes to the DLQ at once. */
export function decodeEnvelope(raw: string): Decoded {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (error) {
    return { ok: false, error: `invalid JSON: ${errorText(error)}` };
  }
  try {
    return { ok: true, envelope: validateEnvelope(parsed) };
  } catch (error) {
    return { ok: false, error: errorText(error) };
  }
}

/** Commands must reach a queue (an unroutable one is an error); events may have no subscriber yet. */
export function isCommand(type: string): boolean {
  return messageDefinition(type)?.kind === 'command';
}

export type FailureOutcome = { kind: 'retry'; delayMs: number; nextAttempt: number } | { kind: 'dead'; error: string };

/** After a handler failed on `attempt` (1-based): retry after the next delay, or dead-letter. */
export function failureOutcome(error: unknown, attempt: number, retryDelaysMs: readonly number[]): FailureOutcome {
  const delayMs = retryDelaysMs[attempt - 1];
  if (error instanceof PermanentMessageError || delayMs === undefined) {
    return { kind: 'dead', error: errorText(error) };
  }
  return { kind: 'retry', delayMs, nextAttempt: attempt + 1 };
}

/** Short error text for logs and DLQ headers (no stack, bounded length). */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return text.length > 1000 ? `${text.slice(0, 1000)}…` : text;
}
