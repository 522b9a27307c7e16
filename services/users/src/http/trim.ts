// Trims the strings of a request body and query before validation, so length and emptiness rules see what is stored.
import type { FastifyRequest } from 'fastify';

/** Deeper than any users schema goes (notifications.email.promotions); deeper values are left to the schema to refuse. */
const MAX_DEPTH = 4;

export function trimStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return value.trim();
  if (depth >= MAX_DEPTH || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => trimStrings(item, depth + 1));
  // fromEntries defines own properties, so even a key named __proto__ stays a key for the schema to refuse.
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, trimStrings(inner, depth + 1)]));
}

/** A preValidation hook. */
export async function trimRequest(request: FastifyRequest): Promise<void> {
  if (request.body !== undefined) request.body = trimStrings(request.body);
  if (request.query && typeof request.query === 'object') request.query = trimStrings(request.query);
}
