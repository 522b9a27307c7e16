// Request/message context carried across async calls, so every log line and message keeps its correlation id.
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';

export interface RequestContext {
  correlationId: string;
  /** Id of the message being handled, which becomes the causationId of what it sends. */
  causationId: string | null;
  traceparent: string | null;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** A W3C traceparent for a new trace (used until OpenTelemetry supplies one). */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}
