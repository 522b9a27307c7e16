// Integration-test harness: payments on real PostgreSQL/RabbitMQ plus the provider sandbox on an ephemeral port.
import { randomUUID } from 'node:crypto';
import {
  createMessage,
  type Envelope,
  PaymentProcess,
  type PaymentProcessData,
  PaymentRefund,
} from '@techcorp/contracts';
import { createProviderApp, type ProviderApp } from '@techcorp/payment-provider';
import type { ServiceHandle } from '@techcorp/platform';
import {
  adminCaller,
  type Caller,
  createTestInfra,
  gatewayHeaders,
  type TestInfra,
  waitFor,
} from '@techcorp/platform/testing';
import { paymentsService } from './service.ts';

export interface Harness {
  infra: TestInfra;
  handle: ServiceHandle;
  provider: ProviderApp;
  /** Every payment.* event published, in arrival order. */
  events: Envelope[];
  publishProcess(data: PaymentProcessData, id?: string): Promise<Envelope>;
  publishRefund(data: { orderId: string; paymentId: string; reason: string }): Promise<Envelope>;
  /** Waits for the events about a payment id to reach `count`, and returns them. */
  eventsFor(paymentId: string, count?: number): Promise<Envelope[]>;
  /** Headers that make `method url` come from `as` (an admin unless given) through the gateway. */
  signedHeaders(method: string, url: string, as?: Caller): Record<string, string>;
  close(): Promise<void>;
}

export const OUTCOME_EVENTS = ['payment.confirmed', 'payment.failed', 'payment.refunded', 'payment.refund_skipped'];

export function processData(overrides: Partial<PaymentProcessData> = {}): PaymentProcessData {
  return {
    orderId: randomUUID(),
    paymentId: randomUUID(),
    customerId: 'customer-1',
    amount: 29990,
    currency: 'BRL',
    method: 'credit_card',
    cardToken: 'tok_visa',
    ...overrides,
  };
}

export async function startHarness(env: Record<string, string>, sandbox = { timeoutTokenDelayMs: 2000 }) {
  const provider = createProviderApp(sandbox);
  const address = await provider.listen({ port: 0, host: '127.0.0.1' });
  const infra = await createTestInfra({ schema: 'payments', migrationsDir: paymentsService.migrationsDir });
  const handle = await paymentsService.create({
    logger: infra.logger,
    sql: infra.sql,
    bus: infra.bus,
    kv: infra.kv,
    urls: { 'payment-provider': address },
    env: { ...infra.env, ...env },
  });
  await handle.start();
  const events: Envelope[] = [];
  await infra.bus.subscribe({ queue: 'test.payment-outcomes', routingKeys: OUTCOME_EVENTS }, async (message) => {
    events.push(message);
  });

  const publish = async (envelope: Envelope) => {
    await infra.bus.publish(envelope);
    return envelope;
  };
  const harness: Harness = {
    infra,
    handle,
    provider,
    events,
    publishProcess: (data, id) =>
      publish(createMessage(PaymentProcess, data, { aggregateId: data.orderId, correlationId: data.orderId, id })),
    publishRefund: (data) =>
      publish(createMessage(PaymentRefund, data, { aggregateId: data.orderId, correlationId: data.orderId })),
    async eventsFor(paymentId, count = 1) {
      const about = () => events.filter((e) => (e.data as { paymentId: string }).paymentId === paymentId);
      await waitFor(() => about().length >= count, { description: `${count} event(s) about ${paymentId}` });
      return about();
    },
    signedHeaders: (method, url, as = adminCaller()) =>
      gatewayHeaders(infra.env.GATEWAY_IDENTITY_SECRET as string, as, method, url),
    async close() {
      await handle.stop();
      await infra.close();
      await provider.close();
    },
  };
  return harness;
}

/** Charges the sandbox holds for an order (counted from its own records, not from payments). */
export const sandboxCharges = (provider: ProviderApp, orderId: string, status = 'succeeded') =>
  provider.ledger.charges().filter((c) => c.metadata.order_id === orderId && c.status === status);

/** Charge requests that reached the sandbox under an idempotency key (= the payment id). */
export const chargeAttempts = (provider: ProviderApp, paymentId: string) =>
  provider.ledger.requests(paymentId).filter((r) => r.path === '/v1/charges');
