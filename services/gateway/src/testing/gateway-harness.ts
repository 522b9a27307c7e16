// Gateway test harness: real Redis (createTestInfra), a test issuer, fake upstreams, and the gateway listening on port 0.
import type { Readable } from 'node:stream';
import type { KeyValueStore } from '@techcorp/platform';
import { createTestInfra, type TestInfra } from '@techcorp/platform/testing';
import { Client } from 'undici';
import { createGateway, type GatewayHandle } from '../gateway.ts';
import type { UpstreamName } from '../routing/route-table.ts';
import { type FakeUpstream, startFakeUpstream } from './fake-upstream.ts';
import { startTestIssuer, type TestIssuer } from './test-issuer.ts';

export interface Fixture {
  infra: TestInfra;
  issuer: TestIssuer;
  close(): Promise<void>;
}

/** One per test file: Redis (own key prefix) and a JWKS issuer. */
export async function createFixture(): Promise<Fixture> {
  const infra = await createTestInfra({ schema: 'gateway' });
  const issuer = await startTestIssuer();
  return {
    infra,
    issuer,
    async close() {
      await issuer.close();
      await infra.close();
    },
  };
}

export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read the JSON they expect.
  json(): any;
}

export interface SendOptions {
  headers?: Record<string, string>;
  /** A stream goes out chunked (no content-length). */
  body?: string | Buffer | Readable;
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
}

export interface RunningGateway {
  handle: GatewayHandle;
  url: string;
  send(method: string, path: string, options?: SendOptions): Promise<Answer>;
  close(): Promise<void>;
}

export interface GatewayOptions {
  /** Instances per upstream: fakes or plain base URLs (e.g. a closed port). */
  upstreams?: Partial<Record<UpstreamName, (FakeUpstream | string)[]>>;
  env?: Record<string, string>;
  /** A store other than the fixture's Redis (e.g. one that was closed, to play an outage). */
  kv?: KeyValueStore;
}

export async function startGateway(fixture: Fixture, options: GatewayOptions = {}): Promise<RunningGateway> {
  const env: Record<string, string> = {
    GATEWAY_JWKS_URL: fixture.issuer.jwksUrl,
    // Health checks only where a test wants them; a test that does sets a short interval.
    GATEWAY_HEALTH_INTERVAL_MS: '600000',
    ...fixture.infra.env,
    ...options.env,
  };
  const urls: Record<string, string> = {};
  for (const [name, instances] of Object.entries(options.upstreams ?? {})) {
    const bases = (instances ?? []).map((i) => (typeof i === 'string' ? i : i.url));
    if (bases.length === 1) urls[name] = bases[0] as string;
    else env[`UPSTREAM_${name.toUpperCase().replace(/-/g, '_')}`] = bases.join(',');
  }
  const kv = options.kv ?? fixture.infra.kv;
  const handle = await createGateway({ logger: fixture.infra.logger, kv, urls, env });
  await handle.start();
  const url = await handle.app.listen({ host: '127.0.0.1', port: 0 });
  const client = new Client(url);
  return {
    handle,
    url,
    send: (method, path, sendOptions = {}) => send(client, method, path, sendOptions),
    async close() {
      await client.close();
      await handle.stop();
    },
  };
}

async function send(client: Client, method: string, path: string, options: SendOptions): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  // A Client sends `path` as given; undici's request(url) would resolve dot segments before the gateway saw them.
  const response = await client.request({
    path,
    method: method as 'GET',
    headers,
    body: options.body,
  });
  const text = await response.body.text();
  return {
    status: response.statusCode,
    headers: response.headers,
    text,
    json: () => JSON.parse(text),
  };
}

/** Fake upstreams named after services, `count` instances each. */
export async function startFakes(names: readonly UpstreamName[], count = 1): Promise<Record<string, FakeUpstream[]>> {
  const fakes: Record<string, FakeUpstream[]> = {};
  for (const name of names) {
    fakes[name] = await Promise.all(Array.from({ length: count }, () => startFakeUpstream(name)));
  }
  return fakes;
}

export async function closeFakes(fakes: Record<string, FakeUpstream[]> | undefined): Promise<void> {
  await Promise.all(Object.values(fakes ?? {}).flatMap((list) => list.map((fake) => fake.close())));
}
