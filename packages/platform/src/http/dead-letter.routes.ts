// Operator access to a service's dead-letter queues (depths, peek, replay) and their depth gauge on /metrics.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { ServiceAuth } from '../auth/service-auth.ts';
import type { Bus, DeadLetter } from '../bus/bus.ts';
import { notFound } from '../errors.ts';
import type { ServiceMetrics } from '../metrics.ts';
import type { HttpApp } from './create-http-app.ts';

export interface DeadLetterRoutesOptions {
  bus: Bus;
  /** The queues this service consumes (names as passed to subscribe); any other queue is a 404. */
  queues: readonly string[];
  /** Dead letters are for operators: admins only. */
  auth: ServiceAuth;
}

export interface MountDeadLettersOptions extends DeadLetterRoutesOptions {
  app: HttpApp;
  metrics: ServiceMetrics;
}

const QueueParams = Type.Object({ queue: Type.String({ minLength: 1, maxLength: 200 }) });
const ListQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 100 })) },
  { additionalProperties: false },
);
const ReplayQuery = Type.Object(
  { limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000 })) },
  { additionalProperties: false },
);
const Depths = Type.Array(Type.Object({ queue: Type.String(), depth: Type.Integer() }));
const Letters = Type.Array(
  Type.Object({
    queue: Type.String(),
    /** The decoded message, or null when the body was not a valid envelope (then `raw` holds it). */
    envelope: Type.Unknown(),
    raw: Type.Union([Type.String(), Type.Null()]),
    error: Type.String(),
    attempts: Type.Integer(),
  }),
);
const Replayed = Type.Object({ replayed: Type.Integer() });

/** `GET /admin/dead-letters`, `GET /admin/dead-letters/:queue?limit=`, `POST /admin/dead-letters/:queue/replay?limit=`. */
export const deadLetterRoutes: FastifyPluginAsyncTypebox<DeadLetterRoutesOptions> = async (app, options) => {
  const { bus, queues, auth } = options;
  app.addHook('onRequest', auth.admin);
  const owned = (queue: string) => {
    if (!queues.includes(queue)) throw notFound(`this service has no queue named ${queue}`);
    return queue;
  };

  app.get('/admin/dead-letters', { schema: { response: { 200: Depths } } }, async () =>
    Promise.all(queues.map(async (queue) => ({ queue, depth: await bus.deadLetterDepth(queue) }))),
  );

  app.get(
    '/admin/dead-letters/:queue',
    { schema: { params: QueueParams, querystring: ListQuery, response: { 200: Letters } } },
    async (request) => {
      const letters = await bus.deadLetters(owned(request.params.queue), request.query.limit ?? 100);
      return letters.map(present);
    },
  );

  app.post(
    '/admin/dead-letters/:queue/replay',
    { schema: { params: QueueParams, querystring: ReplayQuery, response: { 200: Replayed } } },
    async (request) => {
      const queue = owned(request.params.queue);
      return { replayed: await bus.replayDeadLetters(queue, request.query.limit) };
    },
  );
};

/** Registers `bus_dead_letter_depth{queue}`, read through the bus at every scrape. */
export function registerDeadLetterDepthGauge(metrics: ServiceMetrics, bus: Bus, queues: readonly string[]): void {
  metrics.gauge(
    'bus_dead_letter_depth',
    'Messages in the dead-letter queue of a consumed queue',
    ['queue'],
    async (g) => {
      const depths = await Promise.all(queues.map((queue) => bus.deadLetterDepth(queue)));
      for (const [index, queue] of queues.entries()) g.set({ queue }, depths[index]!);
    },
  );
}

/** What a service calls once: the admin routes on its app and the depth gauge on its metrics. */
export async function mountDeadLetters(options: MountDeadLettersOptions): Promise<void> {
  const { app, metrics, bus, queues, auth } = options;
  registerDeadLetterDepthGauge(metrics, bus, queues);
  await app.register(deadLetterRoutes, { bus, queues, auth });
}

// Commands carry card tokens (payment.process): an operator sees that a token was there, never the token.
const SECRET_KEYS = new Set(['cardtoken', 'card_token', 'token', 'password', 'secret', 'authorization']);
const TOKEN_TEXT = /tok_[A-Za-z0-9_]+/g;

function present(letter: DeadLetter) {
  const { queue, envelope, raw, error, attempts } = letter;
  const shown = { envelope: redact(envelope), raw: envelope ? null : redactRaw(raw) };
  return { queue, ...shown, error: error.replace(TOKEN_TEXT, '[redacted]'), attempts };
}

function redactRaw(raw: string): string {
  try {
    return JSON.stringify(redact(JSON.parse(raw)));
  } catch {
    return raw.replace(TOKEN_TEXT, '[redacted]');
  }
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEYS.has(key.toLowerCase()) ? '[redacted]' : redact(inner),
    ]),
  );
}
