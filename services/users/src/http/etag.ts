// Optimistic concurrency over HTTP: strong ETags made of row versions, If-Match checked under the row lock (412).
import { preconditionFailed } from '@techcorp/platform';
import type { FastifyReply } from 'fastify';

export const etagOf = (...versions: readonly number[]): string => `"${versions.join('.')}"`;

/** RFC 9110 §13.1.1: `*` matches any current representation; weak tags never match (strong comparison). */
export function ifMatchSatisfied(header: string | undefined, current: string): boolean {
  if (header === undefined) return true;
  const tags = header.split(',').map((tag) => tag.trim());
  return tags.some((tag) => tag === '*' || tag === current);
}

/** Throws 412 when the client's If-Match names another version than the one just locked. */
export function assertIfMatch(header: string | undefined, current: string): void {
  if (!ifMatchSatisfied(header, current)) {
    throw preconditionFailed('the resource changed since it was read (If-Match does not match its ETag)');
  }
}

export function setEtag(reply: FastifyReply, etag: string): void {
  reply.header('etag', etag);
}
