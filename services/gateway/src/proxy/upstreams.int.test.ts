// Load balancing, health checks, retries, the circuit breaker and upstream failures as the client sees them.
import { waitFor } from '@techcorp/platform/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startFakeUpstream } from '../testing/fake-upstream.ts';
import { createFixture, type Fixture, type RunningGateway, startGateway } from '../testing/gateway-harness.ts';

/** A base URL nothing listens on: a fake that was started and closed again. */
async function deadUrl(): Promise<string> {
  const fake = await startFakeUpstream('dead');
  await fake.close();
  return fake.url;
}

describe('upstreams (real Redis)', () => {
  let fixture: Fixture;
  let admin: string;
  const opened: { close(): Promise<void> }[] = [];
  const track = <T extends { close(): Promise<void> }>(thing: T): T => {
    opened.push(thing);
    return thing;
  };
  const fake = async (name: string) => track(await startFakeUpstream(name));
  const gatewayWith = async (options: Parameters<typeof startGateway>[1]) =>
    track(await startGateway(fixture, options));

  beforeAll(async () => {
    fixture = await createFixture();
    admin = await fixture.issuer.token({ roles: ['USER', 'ADMIN'] });
  });
  afterEach(async () => {
    // Gateways first (they hold pools to the fakes), then the fakes.
    for (const thing of opened.splice(0).reverse()) await thing.close();
  });
  afterAll(async () => fixture?.close());

  const instances = async (gateway: RunningGateway, name: string) => {
    const view = (await gateway.send('GET', '/api/gateway/upstreams', { token: admin })).json();
    return view.upstreams.find((u: { name: string }) => u.name === name);
  };

  it('spreads requests round-robin across healthy instances', async () => {
    const a = await fake('catalog');
    const b = await fake('catalog');
    const gateway = await gatewayWith({ upstreams: { catalog: [a, b] } });
    const served: string[] = [];
    for (let i = 0; i < 6; i++) served.push((await gateway.send('GET', '/api/products')).json().instance);
    expect(served).toEqual([a.url, b.url, a.url, b.url, a.url, b.url]);
  });

  it('takes an instance that fails its health checks out of rotation, and back once it passes', async () => {
    const a = await fake('catalog');
    const b = await fake('catalog');
    const gateway = await gatewayWith({
      upstreams: { catalog: [a, b] },
      env: { GATEWAY_HEALTH_INTERVAL_MS: '50' },
    });
    a.healthy = false;
    await waitFor(async () => (await instances(gateway, 'catalog')).instances[0].healthy === false, {
      description: 'instance a marked unhealthy',
    });
    const before = a.received.length;
    for (let i = 0; i < 6; i++) expect((await gateway.send('GET', '/api/products')).json().instance).toBe(b.url);
    expect(a.received.length).toBe(before);

    a.healthy = true;
    await waitFor(async () => (await instances(gateway, 'catalog')).instances[0].healthy === true, {
      description: 'instance a healthy again',
    });
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) served.add((await gateway.send('GET', '/api/products')).json().instance);
    expect(served).toEqual(new Set([a.url, b.url]));
  });

  it('retries a GET on another instance when the first cannot be reached, and marks it unhealthy', async () => {
    const dead = await deadUrl();
    const live = await fake('cart');
    const gateway = await gatewayWith({ upstreams: { cart: [dead, live] } });
    const token = await fixture.issuer.token();
    for (let i = 0; i < 4; i++) {
      const res = await gateway.send('GET', '/api/cart', { token });
      expect(res.status).toBe(200);
      expect(res.json().instance).toBe(live.url);
    }
    expect(live.received.length).toBe(4);
    const view = await instances(gateway, 'cart');
    expect(view.instances).toEqual([
      { url: dead, healthy: false, failedChecks: 2 },
      { url: live.url, healthy: true, failedChecks: 0 },
    ]);
  });

  it('does not retry a POST: an unreachable instance is a 502 and the other instance sees nothing', async () => {
    const dead = await deadUrl();
    const live = await fake('cart');
    const gateway = await gatewayWith({ upstreams: { cart: [dead, live] } });
    const token = await fixture.issuer.token();
    const res = await gateway.send('POST', '/api/cart/items', { token, body: '{}' });
    expect(res.status).toBe(502);
    expect(live.received.length).toBe(0);
    // The unreachable instance is out of rotation at once (passive health).
    expect((await gateway.send('POST', '/api/cart/items', { token, body: '{}' })).status).toBe(200);
  });

  it('opens the breaker after repeated failures, answers 503 without calling, half-opens and closes again', async () => {
    const payments = await fake('payments');
    const gateway = await gatewayWith({
      upstreams: { payments: [payments] },
      env: { GATEWAY_BREAKER_FAILURES: '3', GATEWAY_BREAKER_HALF_OPEN_MS: '1000' },
    });
    const token = await fixture.issuer.token();
    const get = () => gateway.send('GET', '/api/payments/p-1', { token });
    payments.failWith = 503;
    for (let i = 0; i < 3; i++) {
      const res = await get();
      expect(res.status).toBe(503);
      expect(res.json().detail).toBe('payments is failing'); // the upstream's own answer, passed through
    }
    const calls = payments.received.length;
    const open = await get();
    expect(open.status).toBe(503);
    expect(open.headers['content-type']).toContain('application/problem+json');
    expect(open.json().type).toBe('urn:techcorp:problem:circuit-open');
    expect(Number(open.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(payments.received.length).toBe(calls);
    expect((await instances(gateway, 'payments')).breaker).toBe('open');

    // Half-open: one trial call goes through; it fails, so the breaker opens again.
    await waitFor(
      async () => {
        await get();
        return payments.received.length > calls;
      },
      { description: 'a trial call' },
    );
    expect(payments.received.length).toBe(calls + 1);
    expect((await get()).json().type).toBe('urn:techcorp:problem:circuit-open');

    payments.failWith = null;
    await waitFor(async () => (await get()).status === 200, { description: 'the breaker closed again' });
    expect((await instances(gateway, 'payments')).breaker).toBe('closed');
    expect((await get()).status).toBe(200);
  });

  it('answers an unreachable upstream with a 502 problem that reveals nothing about it', async () => {
    const dead = await deadUrl();
    const gateway = await gatewayWith({ upstreams: { search: [dead] } });
    const res = await gateway.send('GET', '/api/search?q=x');
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toEqual({
      type: 'urn:techcorp:problem:bad-gateway',
      title: 'Bad Gateway',
      status: 502,
      detail: 'the service could not be reached',
      instance: '/api/search',
    });
    expect(res.text).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|Error|\bat\s/);
    expect(res.text).not.toContain(new URL(dead).port);
  });

  it('answers an upstream that does not answer in time with a 504 problem', async () => {
    const slow = await fake('search');
    slow.delayMs = 1_500;
    const gateway = await gatewayWith({ upstreams: { search: [slow] }, env: { GATEWAY_UPSTREAM_TIMEOUT_MS: '200' } });
    const res = await gateway.send('GET', '/api/search?q=x');
    expect(res.status).toBe(504);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().type).toBe('urn:techcorp:problem:gateway-timeout');
    expect(res.text).not.toMatch(/UND_ERR|HeadersTimeout|stack/);
  });

  it('reports upstream traffic, instance health and breaker state in /metrics', async () => {
    const catalog = await fake('catalog');
    const gateway = await gatewayWith({ upstreams: { catalog: [catalog] } });
    await gateway.send('GET', '/api/products');
    const metrics = (await gateway.send('GET', '/metrics')).text;
    expect(metrics).toMatch(/gateway_upstream_requests_total\{[^}]*upstream="catalog"[^}]*status="200"[^}]*\} 1/);
    expect(metrics).toMatch(/gateway_upstream_duration_seconds_count\{[^}]*upstream="catalog"[^}]*\} 1/);
    expect(metrics).toContain(`gateway_upstream_instance_healthy{upstream="catalog",instance="${catalog.url}"`);
    expect(metrics).toMatch(/gateway_circuit_breaker_state\{[^}]*upstream="catalog"[^}]*\} 0/);
  });
});
