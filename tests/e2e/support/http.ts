// Small HTTP helpers for e2e tests.
import { ADMIN_TOKEN } from './platform-under-test.ts';

// biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
export interface HttpResult<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

// biome-ignore lint/suspicious/noExplicitAny: see HttpResult
export async function http<T = any>(
  url: string,
  options: { method?: string; body?: unknown; headers?: Record<string, string>; admin?: boolean; raw?: string } = {},
): Promise<HttpResult<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
  if (options.admin) headers.authorization = `Bearer ${ADMIN_TOKEN}`;
  const response = await fetch(url, {
    method: options.method ?? (options.body !== undefined || options.raw !== undefined ? 'POST' : 'GET'),
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
