// payment.refund at the edge: decide in tx1, refund at the provider outside any transaction, record it in tx2.
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '@techcorp/platform';
import type { PaymentRecord, RefundRequest } from './payment.model.ts';
import { refundedOutcome } from './payment.model.ts';
import {
  answersAgain,
  type Delivery,
  PaymentBusyError,
  type ProcessingDeps,
  ProviderRefusedError,
  ProviderUnreachableError,
  send,
} from './payment.processing.ts';
import { paymentsRepository } from './payment.sql.ts';
import { decideAfterLookup, decideRefund, type RefundDecision, resolveRefund } from './refund.decider.ts';

export type RefundResult =
  | { kind: 'refunded'; payment: PaymentRecord; changed: boolean }
  | { kind: 'skipped'; reason: string }
  | { kind: 'duplicate' };

type Step =
  | { kind: 'done'; result: RefundResult; sent: boolean }
  | { kind: 'lookup'; payment: PaymentRecord }
  | { kind: 'refund'; payment: PaymentRecord; chargeId: string; amount: number; refundId: string };

export async function refundPayment(
  deps: ProcessingDeps,
  request: RefundRequest,
  delivery: Delivery,
): Promise<RefundResult> {
  let step = await deps.sql.transaction(async (tx) => {
    const payment = await paymentsRepository(tx).findById(request.paymentId);
    return apply(deps, tx, request, delivery, payment, decideRefund(request, payment));
  });
  if (step.kind === 'lookup') {
    // The charge was never confirmed either way: ask the provider whether it captured anything before answering.
    const { payment } = step;
    const lookup = await deps.provider.findCharge(payment.id);
    if (lookup.kind === 'unknown') throw new ProviderUnreachableError(`cannot look the charge up: ${lookup.reason}`);
    const decision = decideAfterLookup(request, payment, lookup);
    step = await deps.sql.transaction(async (tx) => {
      if (lookup.kind === 'found' && lookup.succeeded)
        await paymentsRepository(tx).recordFoundCharge(payment.id, lookup.chargeId);
      return apply(deps, tx, request, delivery, payment, decision);
    });
  }
  if (step.kind === 'lookup') throw new Error('a lookup cannot lead to another lookup');
  if (step.kind === 'done') {
    if (step.sent) deps.nudge();
    if (step.result.kind !== 'duplicate') deps.metrics.refund(step.result.kind);
    return step.result;
  }
  return refundAtProvider(deps, request, delivery, step);
}

async function refundAtProvider(
  deps: ProcessingDeps,
  request: RefundRequest,
  delivery: Delivery,
  step: Extract<Step, { kind: 'refund' }>,
): Promise<RefundResult> {
  const answer = await deps.provider.refund({
    paymentId: request.paymentId,
    chargeId: step.chargeId,
    amount: step.amount,
  });
  const resolution = resolveRefund(answer);
  if (resolution.kind === 'retry') throw new ProviderUnreachableError(`refund not possible now: ${resolution.reason}`);
  if (resolution.kind === 'failed') {
    await deps.sql.transaction((tx) => paymentsRepository(tx).failRefund(step.refundId, resolution.reason));
    deps.metrics.refund('failed');
    deps.logger.error({ paymentId: request.paymentId, reason: resolution.reason }, 'refund refused by the provider');
    throw new ProviderRefusedError(resolution.reason);
  }

  const result = await deps.sql.transaction(async (tx): Promise<RefundResult> => {
    if (!(await delivery.claim(tx))) return { kind: 'duplicate' };
    const repo = paymentsRepository(tx);
    const changed = await repo.completeRefund(step.refundId, resolution.providerRefundId);
    const payment = await repo.findById(request.paymentId);
    if (!payment?.refund) throw new Error(`refund of payment ${request.paymentId} vanished`);
    if (changed || answersAgain(delivery)) await send(deps, tx, refundedOutcome(payment, payment.refund));
    return { kind: 'refunded', payment, changed };
  });
  if (result.kind === 'refunded') {
    deps.nudge();
    if (result.changed) {
      deps.metrics.refund('refunded');
      deps.logger.info({ paymentId: request.paymentId, orderId: request.orderId }, 'payment refunded');
    }
  }
  return result;
}

/** Carries out a refund decision inside `tx`; everything but a provider call finishes here. */
async function apply(
  deps: ProcessingDeps,
  tx: SqlExecutor,
  request: RefundRequest,
  delivery: Delivery,
  payment: PaymentRecord | null,
  decision: RefundDecision,
): Promise<Step> {
  const repo = paymentsRepository(tx);
  const finish = async (result: RefundResult, outcome: Parameters<typeof send>[2], always: boolean): Promise<Step> => {
    if (!(await delivery.claim(tx))) return { kind: 'done', result: { kind: 'duplicate' }, sent: false };
    const sent = always || answersAgain(delivery);
    if (sent) await send(deps, tx, outcome);
    return { kind: 'done', result, sent };
  };

  switch (decision.kind) {
    case 'busy':
      throw new PaymentBusyError(decision.reason);
    case 'lookup':
      if (!payment) throw new Error('a lookup needs a payment');
      return { kind: 'lookup', payment };
    case 'refund': {
      if (!payment) throw new Error('a refund needs a payment');
      const refundId = await repo.ensureRefund({
        id: randomUUID(),
        paymentId: payment.id,
        amount: decision.amount,
        reason: request.reason,
      });
      return { kind: 'refund', payment, chargeId: decision.chargeId, amount: decision.amount, refundId };
    }
    case 'tombstone': {
      // The tombstone is written after the claim so a duplicate leaves nothing behind.
      const step = await finish({ kind: 'skipped', reason: reasonOf(decision.outcome) }, decision.outcome, true);
      if (step.kind === 'done' && step.result.kind === 'duplicate') return step;
      if (!(await repo.insertTombstone(request.paymentId, request.orderId)))
        throw new PaymentBusyError('the payment appeared concurrently');
      return step;
    }
    case 'skip':
      return finish({ kind: 'skipped', reason: reasonOf(decision.outcome) }, decision.outcome, false);
    case 'reply': {
      if (!payment) throw new Error('a reply needs a payment');
      return finish({ kind: 'refunded', payment, changed: false }, decision.outcome, false);
    }
    default: {
      const never: never = decision;
      return never;
    }
  }
}

const reasonOf = (outcome: Parameters<typeof send>[2]) =>
  outcome.type === 'payment.refund_skipped' ? outcome.data.reason : outcome.type;
