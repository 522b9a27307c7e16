// Turns one phase's attempts and the observed outcomes into its figures: rates, latency percentiles, errors.
import type { PhaseRun } from './drivers.ts';
import type { Outcome } from './outcomes.ts';
import type { ResourceReport } from './resources.ts';
import { type Summary, summarize, tally } from './stats.ts';

export interface PhaseFigures {
  name: string;
  load: string;
  durationS: number;
  sent: number;
  accepted: number;
  acceptedPerS: number;
  confirmed: number;
  failed: number;
  cancelled: number;
  /** Accepted orders with no terminal event when the drain ended. */
  noOutcome: number;
  /** Confirmed orders per second, from the phase start to the last confirmation of its orders. */
  completedPerS: number;
  postAnswerMs: Summary;
  toConfirmedMs: Summary;
  toTerminalMs: Summary;
  errors: Record<string, number>;
  /** Why orders FAILED or were CANCELLED (ids and numbers blanked out), with counts. */
  failureReasons: Record<string, number>;
  resources: ResourceReport | null;
  /** CPU the platform (services, PostgreSQL, RabbitMQ, Redis) spent per accepted order, ms: the cost model. */
  platformCpuMsPerOrder: number | null;
  /** With --trace: median ms from the POST to each message type's arrival, in saga order. */
  timelineP50Ms?: Record<string, number>;
}

function timeline(run: PhaseRun, hops: Map<string, Map<string, number>>): Record<string, number> | undefined {
  if (hops.size === 0) return undefined;
  const byType = new Map<string, number[]>();
  for (const attempt of run.attempts) {
    for (const [type, at] of (attempt.orderId && hops.get(attempt.orderId)) || [])
      byType.set(type, [...(byType.get(type) ?? []), at - attempt.sentAt]);
  }
  const medians = [...byType].map(([type, samples]) => [type, summarize(samples).p50 ?? 0] as const);
  return Object.fromEntries(medians.sort(([, a], [, b]) => a - b));
}

const reasonKey = (reason: string | undefined) =>
  (reason ?? 'no reason given')
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<id>')
    .replace(/\d+/g, 'N')
    .slice(0, 80);

function cpuMsPerOrder(resources: ResourceReport | null, orders: number): number | null {
  if (!resources || orders === 0) return null;
  const platformPct = Object.entries(resources.cpuPctOfOneCore)
    .filter(([group]) => group !== 'other' && group !== 'load-generator')
    .reduce((sum, [, pct]) => sum + pct, 0);
  return Math.round(((platformPct / 100) * resources.seconds * 1000) / orders);
}

const perSecond = (count: number, ms: number) => (ms <= 0 ? 0 : Math.round((count / (ms / 1000)) * 10) / 10);

export function phaseFigures(
  name: string,
  load: string,
  durationS: number,
  run: PhaseRun,
  outcomes: Map<string, Outcome>,
  resources: ResourceReport | null,
  hops: Map<string, Map<string, number>> = new Map(),
): PhaseFigures {
  const accepted = run.attempts.filter((a) => a.orderId !== null);
  const toConfirmed: number[] = [];
  const toTerminal: number[] = [];
  const counts = { confirmed: 0, failed: 0, cancelled: 0, noOutcome: 0 };
  const failureReasons: Record<string, number> = {};
  let lastConfirmed = run.startedAt;
  for (const attempt of accepted) {
    const outcome = outcomes.get(attempt.orderId!);
    if (!outcome) {
      counts.noOutcome++;
      continue;
    }
    const ms = outcome.at - attempt.sentAt;
    toTerminal.push(ms);
    if (outcome.type === 'order.confirmed') {
      counts.confirmed++;
      toConfirmed.push(ms);
      lastConfirmed = Math.max(lastConfirmed, outcome.at);
      continue;
    }
    tally(failureReasons, reasonKey(outcome.reason));
    if (outcome.type === 'order.failed') counts.failed++;
    else counts.cancelled++;
  }
  const capped = run.errors['client:in-flight-cap'] ?? 0;
  return {
    name,
    load,
    durationS,
    sent: run.attempts.length + capped,
    accepted: accepted.length,
    acceptedPerS: perSecond(accepted.length, durationS * 1000),
    ...counts,
    completedPerS: perSecond(counts.confirmed, lastConfirmed - run.startedAt),
    postAnswerMs: summarize(run.attempts.flatMap((a) => (a.answerMs === null ? [] : [a.answerMs]))),
    toConfirmedMs: summarize(toConfirmed),
    toTerminalMs: summarize(toTerminal),
    errors: run.errors,
    failureReasons,
    resources,
    platformCpuMsPerOrder: cpuMsPerOrder(resources, accepted.length),
    timelineP50Ms: timeline(run, hops),
  };
}
