// payment.process at the edge: tx1 records PENDING, the provider is called outside any transaction, tx2 settles.
import { crashPoint, type SqlExecutor } from '@techcorp/platform';
import { type ChargeLookup, decideProcess, needsLookup, resolveCharge } from './payment.decider.ts';
import { outcomeOf, type PaymentRecord, type ProcessRequest } from './payment.model.ts';
import { answersAgain, type Delivery, PaymentBusyError, type ProcessingDeps, send } from './payment.processing.ts';
import { paymentsRepository } from './payment.sql.ts';

export type ProcessResult =
  /** The payment's final row; `changed` when this call settled it (false: it had been settled before). */
  | { kind: 'settled'; payment: PaymentRecord; changed: boolean }
  /** Refused without a row of its own (payment id voided or reused with other details). */
  | { kind: 'rejected'; reason: string }
  /** The bus redelivered a command that was already handled. */
  | { kind: 'duplicate' };

type Start = { kind: 'done'; result: ProcessResult; sent: boolean } | { kind: 'charge'; cardToken: string };

/**
 * A crash anywhere is safe: before tx2 commits nothing is acknowledged, and the redelivered command calls the
 * provider again with the same idempotency key (the payment id), which answers with the same charge.
 */
export async function processPayment(
  deps: ProcessingDeps,
  request: ProcessRequest,
  delivery: Delivery,
): Promise<ProcessResult> {
  const start = await deps.sql.transaction((tx) => begin(deps, tx, request, delivery));
  if (start.kind === 'done') {
    if (start.sent) deps.nudge();
    if (start.result.kind === 'settled' && start.result.changed) record(deps, start.result.payment, 0);
    return start.result;
  }

  const { result, attempts } = await deps.provider.charge({ ...request, cardToken: start.cardToken });
  const lookup: ChargeLookup | null = needsLookup(result) ? await deps.provider.findCharge(request.paymentId) : null;
  const resolution = resolveCharge(result, lookup);
  // The provider may have charged; nothing is recorded yet. The redelivery must not charge twice.
  crashPoint('payments.after-charge-before-record');

  const final = await deps.sql.transaction(async (tx): Promise<ProcessResult> => {
    if (!(await delivery.claim(tx))) return { kind: 'duplicate' };
    const repo = paymentsRepository(tx);
    const settled = await repo.settle(request.paymentId, resolution, attempts);
    const payment = settled ?? (await repo.findById(request.paymentId));
    if (!payment) throw new Error(`payment ${request.paymentId} vanished while being charged`);
    if (settled || answersAgain(delivery)) await send(deps, tx, outcomeOf(payment));
    return { kind: 'settled', payment, changed: settled !== null };
  });
  if (final.kind === 'settled') {
    deps.nudge();
    if (final.changed) record(deps, final.payment, attempts);
  }
  return final;
}

/** tx1: decide from the stored state; settle at once what needs no provider call. */
async function begin(
  deps: ProcessingDeps,
  tx: SqlExecutor,
  request: ProcessRequest,
  delivery: Delivery,
): Promise<Start> {
  const repo = paymentsRepository(tx);
  const existing = await repo.findById(request.paymentId);
  const live = existing ? null : await repo.findLiveForOrder(request.orderId, request.paymentId);
  const decision = decideProcess(request, existing, live);
  const done = (result: ProcessResult, sent: boolean): Start => ({ kind: 'done', result, sent });

  switch (decision.kind) {
    case 'busy':
      throw new PaymentBusyError(decision.reason);
    case 'charge': {
      if (!decision.insert) {
        const cardToken = await repo.cardToken(request.paymentId);
        if (!cardToken) throw new Error(`pending payment ${request.paymentId} has no card token`);
        return { kind: 'charge', cardToken };
      }
      // Lost a race for the id or the order's live slot: the redelivery decides again on what won.
      if (!(await repo.insertPending(request))) throw new PaymentBusyError('a concurrent command took this payment');
      return { kind: 'charge', cardToken: request.cardToken };
    }
    case 'reply': {
      if (!existing) throw new Error('a reply needs an existing payment');
      if (!(await delivery.claim(tx))) return done({ kind: 'duplicate' }, false);
      if (answersAgain(delivery)) await send(deps, tx, decision.outcome);
      return done({ kind: 'settled', payment: existing, changed: false }, answersAgain(delivery));
    }
    case 'reject': {
      if (!(await delivery.claim(tx))) return done({ kind: 'duplicate' }, false);
      const reason = decision.outcome.type === 'payment.failed' ? decision.outcome.data.reason : 'rejected';
      if (!decision.record) {
        if (answersAgain(delivery)) await send(deps, tx, decision.outcome);
        return done({ kind: 'rejected', reason }, answersAgain(delivery));
      }
      if (!(await repo.insertRejected(request, reason)))
        throw new PaymentBusyError('a concurrent command took this payment');
      await send(deps, tx, decision.outcome);
      const payment = await repo.findById(request.paymentId);
      if (!payment) throw new Error(`payment ${request.paymentId} vanished after insert`);
      return done({ kind: 'settled', payment, changed: true }, true);
    }
    default: {
      const never: never = decision;
      return never;
    }
  }
}

function record(deps: ProcessingDeps, payment: PaymentRecord, attempts: number) {
  if (payment.status === 'PENDING' || payment.status === 'VOIDED') return;
  deps.metrics.paymentSettled(payment.status, payment.failureCode);
  deps.logger.info(
    {
      paymentId: payment.id,
      orderId: payment.orderId,
      status: payment.status,
      failureCode: payment.failureCode,
      attempts,
    },
    'payment settled',
  );
}
