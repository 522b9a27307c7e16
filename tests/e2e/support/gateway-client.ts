// A client of the public API: every call goes through the gateway, as a browser or an app would send it.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { HttpResult } from './http.ts';

export interface ApiOptions {
  method?: string;
  body?: unknown;
  /** An access token, sent as `Authorization: Bearer`. */
  token?: string;
  headers?: Record<string, string>;
}

export interface Session {
  user: { id: string; email: string; name: string; roles: string[] };
  email: string;
  password: string;
  access_token: string;
  refresh_token: string;
}

export interface GatewayClient {
  readonly url: string;
  /** Every response body seen so far (to check that none leaks a secret). */
  readonly bodies: string[];
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely and assert on them
  api<T = any>(path: string, options?: ApiOptions): Promise<HttpResult<T>>;
  /** Registers a new customer (201 asserted) and returns the opened session. */
  register(label?: string): Promise<Session>;
  login(email: string, password: string): Promise<HttpResult>;
}

export const newPassword = () => `pw-${randomBytes(12).toString('base64url')}`;

export function gatewayClient(url: string): GatewayClient {
  const bodies: string[] = [];
  const api: GatewayClient['api'] = async (path, options = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    if (options.body !== undefined) headers['content-type'] ??= 'application/json';
    const response = await fetch(`${url}${path}`, {
      method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    const text = await response.text();
    bodies.push(text);
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, headers: response.headers, body: body as never };
  };
  return {
    url,
    bodies,
    api,
    async register(label = 'shopper') {
      const email = `${label}-${randomBytes(5).toString('hex')}@example.com`;
      const password = newPassword();
      const res = await api('/api/auth/register', { body: { email, password, name: `${label} Tester` } });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return { ...res.body, email, password };
    },
    login: (email, password) => api('/api/auth/login', { body: { email, password } }),
  };
}
