// Small HTTP helpers for e2e tests. Requests sent straight to a service carry the context the gateway would sign.
import { adminCaller, type Caller, customerCaller, gatewayHeaders } from '@techcorp/platform/testing';
import { E2E_GATEWAY_SECRET } from './platform-under-test.ts';

/** Who calls when a test does not say: one shopper. */
export const SHOPPER: Caller = customerCaller('customer-1');

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

// biome-ignore lint/suspicious/noExplicitAny: see HttpResult
export async function http<T = any>(
  url: string,
  options: {
    method?: string;
    body?: unknown;
    headers?: Record<string, string>;
    /** Call as an admin (shorthand for `as: adminCaller()`). */
    admin?: boolean;
    /** The caller (default SHOPPER; null: anonymous). */
    as?: Caller | null;
    raw?: string;
  } = {},
): Promise<HttpResult<T>> {
  const method = options.method ?? (options.body !== undefined || options.raw !== undefined ? 'POST' : 'GET');
  const caller = options.admin ? adminCaller() : options.as === undefined ? SHOPPER : options.as;
  const target = new URL(url);
  const headers: Record<string, string> = {
    ...(caller ? gatewayHeaders(E2E_GATEWAY_SECRET, caller, method, target.pathname + target.search) : {}),
    ...options.headers,
  };
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(url, {
    method,
    headers,
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}
