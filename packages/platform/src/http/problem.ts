// RFC 9457 problem details: every error the HTTP layer can meet, mapped once; 5xx never reveal their cause.
import { STATUS_CODES } from 'node:http';
import type { ErrorObject } from 'ajv';
import type { FastifyReply } from 'fastify';
import { AppError, type FieldError } from '../errors.ts';
import { fieldErrors } from './validation.ts';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
}

/** Framework errors a client can cause, with a stable code and a message of our own. */
const FRAMEWORK: Record<string, { status: number; code: string; detail: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'malformed-body', detail: 'request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'malformed-body', detail: 'request body is empty' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'malformed-body',
    detail: 'request body does not match its content-length',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'payload-too-large', detail: 'request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'unsupported-media-type',
    detail: 'request bodies must be application/json',
  },
  FST_ERR_BAD_URL: { status: 400, code: 'bad-request', detail: 'request URL is malformed' },
  FST_ERR_MAX_PARAM_LENGTH: { status: 414, code: 'uri-too-long', detail: 'a path parameter is too long' },
};

const PARTS: Record<string, string> = {
  body: 'request body',
  querystring: 'query string',
  params: 'path parameters',
  headers: 'request headers',
};

interface FastifyLikeError {
  code?: string;
  statusCode?: number;
  validation?: ErrorObject[];
  validationContext?: string;
}

export function problemType(code: string): string {
  return `urn:techcorp:problem:${code}`;
}

function problem(status: number, code: string, detail: string, errors?: FieldError[]): Problem {
  const body: Problem = { type: problemType(code), title: STATUS_CODES[status] ?? 'Error', status, detail };
  if (errors && errors.length > 0) body.errors = errors;
  return body;
}

/** The problem a client sees for `error`. Anything unrecognised is a 500 with a generic detail. */
export function toProblem(error: unknown): Problem {
  if (error instanceof AppError) {
    if (error.status >= 500) return problem(error.status, error.code, genericDetail(error.status));
    return problem(error.status, error.code, error.message, error.errors);
  }
  const fastifyError = (error ?? {}) as FastifyLikeError;
  if (Array.isArray(fastifyError.validation)) {
    const part = fastifyError.validationContext ?? 'body';
    const errors = fieldErrors(fastifyError.validation, part);
    const first = errors[0];
    const detail = `invalid ${PARTS[part] ?? part}${first ? `: ${first.field} ${first.message}` : ''}`;
    return problem(400, 'validation', detail, errors);
  }
  const known = fastifyError.code ? FRAMEWORK[fastifyError.code] : undefined;
  if (known) return problem(known.status, known.code, known.detail);
  // A plugin's client error keeps its status; its message is not ours to vouch for, so the detail is the status text.
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && STATUS_CODES[status]) {
    return problem(status, `http-${status}`, (STATUS_CODES[status] ?? '').toLowerCase());
  }
  if (isOutage(error)) return problem(503, 'unavailable', genericDetail(503));
  return problem(500, 'internal', genericDetail(500));
}

/**
 * The database (or the network to it) failing us, not a bug: PostgreSQL's connection-exception (08), insufficient-
 * resources (53, e.g. too many connections) and operator-intervention (57P, e.g. shutting down) classes, and sockets
 * refused or reset. Worth a 503 the client can retry, not a 500.
 */
function isOutage(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return (
    /^(08|53)[0-9A-Z]{3}$/.test(code) ||
    /^57P0[1-4]$/.test(code) ||
    /^E(CONNREFUSED|CONNRESET|PIPE|TIMEDOUT)$/.test(code)
  );
}

function genericDetail(status: number): string {
  return status === 503 ? 'the service is temporarily unavailable' : 'an unexpected error occurred';
}

/**
 * Writes a problem as the response. A Buffer payload: no route response schema can reshape it, and Fastify adds no
 * charset parameter (JSON is UTF-8 by definition).
 */
export function sendProblem(reply: FastifyReply, body: Problem): FastifyReply {
  if (body.status === 401) reply.header('www-authenticate', 'Bearer');
  return reply
    .code(body.status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(Buffer.from(JSON.stringify(body)));
}
