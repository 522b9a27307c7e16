// How a call to an upstream failed, as far as routing, retries, breakers and the client's status code care.

/** 'connect': no connection was made (nothing was sent). 'socket': the connection broke mid-exchange. */
export type FailureKind = 'connect' | 'socket' | 'timeout' | 'aborted' | 'other';

const CONNECT = new Set([
  'ECONNREFUSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EHOSTDOWN',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EADDRNOTAVAIL',
  'ETIMEDOUT',
]);
const SOCKET = new Set([
  'ECONNRESET',
  'EPIPE',
  'UND_ERR_SOCKET',
  'HPE_INVALID_CONSTANT',
  'UND_ERR_RES_CONTENT_LENGTH_MISMATCH',
]);
const TIMEOUT = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const ABORTED = new Set(['UND_ERR_ABORTED', 'ABORT_ERR']);

function codeOf(error: unknown): string | undefined {
  const own = (error as { code?: unknown } | null)?.code;
  if (typeof own === 'string') return own;
  // Happy-eyeballs connects fail with an AggregateError of one error per address tried.
  if (error instanceof AggregateError) return codeOf(error.errors[0]);
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause && cause !== error ? codeOf(cause) : undefined;
}

export function failureKind(error: unknown): FailureKind {
  const code = codeOf(error);
  if (code === undefined) return (error as Error | null)?.name === 'AbortError' ? 'aborted' : 'other';
  if (CONNECT.has(code)) return 'connect';
  if (SOCKET.has(code)) return 'socket';
  if (TIMEOUT.has(code)) return 'timeout';
  if (ABORTED.has(code)) return 'aborted';
  return 'other';
}

/** What the breaker counts against a service besides 502/503/504 answers. */
export const breaksCircuit = (error: unknown): boolean => {
  const kind = failureKind(error);
  return kind === 'connect' || kind === 'socket' || kind === 'timeout';
};

/** The service has no instance to send to (none configured). */
export class NoInstanceError extends Error {
  override readonly name = 'NoInstanceError';
}

/** The breaker is half-open and its trial call is still running: fail fast rather than queue behind it. */
export class TrialInFlightError extends Error {
  override readonly name = 'TrialInFlightError';
}
