// Integration-test harness: users on the real servers, fed user.registered over the bus, called as the gateway would.
import { randomUUID } from 'node:crypto';
import { createMessage, type Envelope, UserRegistered } from '@techcorp/contracts';
import type { ServiceHandle } from '@techcorp/platform';
import {
  type Caller,
  createTestInfra,
  gatewayHeaders,
  type TestInfra,
  tapDeliveries,
  waitFor,
} from '@techcorp/platform/testing';
import { expect } from 'vitest';
import { usersService } from '../service.ts';
import { usersChecks } from './users-checks.sql.ts';

export interface Response {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read response bodies loosely; assertions check the shape.
  json<T = Record<string, any>>(): T;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
}

export interface UsersHarness {
  infra: TestInfra;
  handle: ServiceHandle;
  checks: ReturnType<typeof usersChecks>;
  /** Ids of the deliveries the consumer finished (duplicates included), in order. */
  processed: string[];
  /** A request signed as the gateway signs it for `caller` (null: anonymous). */
  call(caller: Caller | null, method: string, url: string, options?: RequestOptions): Promise<Response>;
  /** A user.registered envelope for a new user (or the given one). */
  registration(data?: Partial<{ userId: string; email: string; name: string }>): Envelope;
  /** Publishes and waits until the consumer has finished with each delivery (duplicates included). */
  deliver(...messages: Envelope[]): Promise<void>;
  /** Registers a new user and waits for the profile; returns its id. */
  newUser(data?: Partial<{ email: string; name: string }>): Promise<string>;
  close(): Promise<void>;
}

export async function startUsers(
  options: { env?: Record<string, string>; embedded?: boolean } = {},
): Promise<UsersHarness> {
  const infra = await createTestInfra({
    schema: 'users',
    migrationsDir: usersService.migrationsDir,
    embedded: options.embedded ?? false,
  });
  const processed: string[] = [];
  const { sql, kv, logger } = infra;
  const env = { ...infra.env, ...options.env };
  const handle = await usersService.create({
    logger,
    sql,
    kv,
    bus: tapDeliveries(infra.bus, processed),
    urls: {},
    env,
  });
  await handle.start();
  const secret = infra.env.GATEWAY_IDENTITY_SECRET!;
  const count = (id: string) => processed.filter((x) => x === id).length;

  const harness: UsersHarness = {
    infra,
    handle,
    checks: usersChecks(sql),
    processed,
    async call(caller, method, url, { body, headers = {} } = {}) {
      const response = await handle.app.inject({
        method: method as 'GET',
        url,
        headers: {
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...headers,
          ...gatewayHeaders(secret, caller, method, url),
        },
        ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : JSON.stringify(body) }),
      });
      return {
        statusCode: response.statusCode,
        headers: response.headers,
        body: response.body,
        json: <T>() => JSON.parse(response.body) as T,
      };
    },
    registration(data = {}) {
      const userId = data.userId ?? randomUUID();
      const payload = {
        userId,
        email: data.email ?? `user-${userId.slice(0, 8)}@example.com`,
        name: data.name ?? 'Ana Souza',
        registeredAt: new Date().toISOString(),
      };
      return createMessage(UserRegistered, payload, { aggregateId: userId, correlationId: `test-${randomUUID()}` });
    },
    async deliver(...messages) {
      const expected = new Map<string, number>();
      for (const m of messages) expected.set(m.id, (expected.get(m.id) ?? count(m.id)) + 1);
      for (const m of messages) await infra.bus.publish(m);
      await waitFor(() => [...expected].every(([id, n]) => count(id) >= n), {
        description: `${messages.length} deliveries processed`,
        timeoutMs: 15_000,
      });
    },
    async newUser(data = {}) {
      const message = harness.registration(data);
      await harness.deliver(message);
      return (message.data as { userId: string }).userId;
    },
    async close() {
      await handle.stop();
      await infra.close();
    },
  };
  return harness;
}

/** Asserts a problem+json answer with this status and, when given, an error naming the field. */
export function expectProblem(response: Response, status: number, field?: string): void {
  expect(response.statusCode, response.body).toBe(status);
  expect(String(response.headers['content-type'])).toMatch(/^application\/problem\+json/);
  if (field !== undefined) {
    const fields = (response.json<{ errors?: { field: string }[] }>().errors ?? []).map((e) => e.field);
    expect(fields, response.body).toContain(field);
  }
}

/** A valid address body; override fields per test. */
export function addressBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    label: 'Home',
    recipient: 'Ana Souza',
    line1: 'Av. Paulista, 1000',
    line2: 'Apto 42',
    city: 'São Paulo',
    region: 'SP',
    postal_code: '01310-100',
    country: 'BR',
    phone: '+5511912345678',
    ...overrides,
  };
}

export const newId = (): string => randomUUID();
