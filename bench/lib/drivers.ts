// The two load shapes: open loop (POSTs on a fixed schedule whatever the answers) and closed loop (C clients, each
// sending its next order when the previous one is answered). Both stop by themselves after their duration. Each
// order is placed by its planned customer (through the gateway, or signed straight to orders with --direct).
import { performance } from 'node:perf_hooks';
import type { Api } from './api.ts';
import { failureKind } from './http-client.ts';
import type { OrderLine, PlannedOrder } from './seed.ts';
import { tally } from './stats.ts';

export interface Attempt {
  /** Null when the POST was not accepted. */
  orderId: string | null;
  lines: OrderLine[];
  /** When the request was due (open loop) or sent (closed loop), performance.now(). */
  sentAt: number;
  /** POST answer latency from `sentAt`, ms; null on a network failure. */
  answerMs: number | null;
}

export interface PhaseRun {
  startedAt: number;
  /** When the last request was issued. */
  issuedUntil: number;
  attempts: Attempt[];
  errors: Record<string, number>;
}

const REQUEST_TIMEOUT_MS = 30_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function newRun(): PhaseRun {
  const now = performance.now();
  return { startedAt: now, issuedUntil: now, attempts: [], errors: {} };
}

/** `http:503 catalog-unavailable`: the status plus the problem+json type's last segment, when there is one. */
function httpErrorKind(status: number, body: unknown): string {
  const type = (body as { type?: unknown } | null)?.type;
  return typeof type === 'string' ? `http:${status} ${type.split(/[/#:]/).pop()}` : `http:${status}`;
}

async function placeOne(api: Api, run: PhaseRun, plan: PlannedOrder, sentAt: number) {
  const attempt: Attempt = { orderId: null, lines: plan.lines, sentAt, answerMs: null };
  run.attempts.push(attempt);
  try {
    const res = await api.send(plan.customer, 'POST', '/api/orders', {
      body: plan.body,
      headers: { 'idempotency-key': plan.idempotencyKey },
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    attempt.answerMs = performance.now() - sentAt;
    if (res.status === 202 && typeof res.body?.order_id === 'string') attempt.orderId = res.body.order_id;
    else tally(run.errors, httpErrorKind(res.status, res.body));
  } catch (error) {
    tally(run.errors, failureKind(error));
  }
}

export interface OpenLoopOptions {
  rate: number;
  durationS: number;
  /** Requests still unanswered beyond this are not sent but counted as `client:in-flight-cap`. */
  maxInFlight: number;
  plan: (seq: number) => PlannedOrder;
}

export async function openLoop(api: Api, options: OpenLoopOptions): Promise<PhaseRun> {
  const run = newRun();
  const total = Math.round(options.rate * options.durationS);
  const interval = 1000 / options.rate;
  const pending = new Set<Promise<void>>();
  let next = 0;
  while (next < total) {
    const due = Math.min(total, Math.floor((performance.now() - run.startedAt) / interval) + 1);
    for (; next < due; next++) {
      const intended = run.startedAt + next * interval;
      if (pending.size >= options.maxInFlight) {
        tally(run.errors, 'client:in-flight-cap');
        continue;
      }
      const p = placeOne(api, run, options.plan(next), intended).finally(() => pending.delete(p));
      pending.add(p);
    }
    run.issuedUntil = performance.now();
    if (next < total) await sleep(Math.max(1, run.startedAt + next * interval - performance.now()));
  }
  await Promise.all(pending);
  return run;
}

export interface ClosedLoopOptions {
  concurrency: number;
  durationS: number;
  plan: (seq: number) => PlannedOrder;
}

export async function closedLoop(api: Api, options: ClosedLoopOptions): Promise<PhaseRun> {
  const run = newRun();
  const end = run.startedAt + options.durationS * 1000;
  let seq = 0;
  const client = async () => {
    while (performance.now() < end) {
      const mine = seq++;
      await placeOne(api, run, options.plan(mine), performance.now());
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, client));
  run.issuedUntil = Math.min(end, performance.now());
  return run;
}
