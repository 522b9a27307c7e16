// How the shopping benchmark times requests: one client with the variants of an operation interleaved request by
// request (so the box's noise hits hot and cold, gateway and direct alike), or C clients at once for throughput.
import { performance } from 'node:perf_hooks';
import type { Route } from './api.ts';
import { failureKind } from './http-client.ts';
import type { Variant } from './shop-ops.ts';
import type { Temperature } from './shop-queries.ts';
import { type Summary, summarize, tally } from './stats.ts';

export interface Timed {
  operation: string;
  route: Route;
  temperature: Temperature | null;
  latencyMs: Summary;
  errors: Record<string, number>;
  /** Every timed sample, for mixes over several operations (left out of the results file). */
  samplesMs: number[];
}

async function timeOne(variant: Variant, i: number, errors: Record<string, number>): Promise<number | null> {
  await variant.prepare?.();
  const started = performance.now();
  try {
    const status = await variant.send(i);
    if (variant.ok(status)) return performance.now() - started;
    tally(errors, `http:${status}`);
  } catch (error) {
    tally(errors, failureKind(error));
  }
  return null;
}

/** `warmup` untimed rounds, then `samples` timed ones; each round sends the i-th request of every variant in turn. */
export async function sequential(variants: Variant[], warmup: number, samples: number): Promise<Timed[]> {
  const times = variants.map((): number[] => []);
  const errors = variants.map((): Record<string, number> => ({}));
  for (let i = 0; i < warmup + samples; i++) {
    for (const [k, variant] of variants.entries()) {
      const ms = await timeOne(variant, i, errors[k]!);
      if (ms !== null && i >= warmup) times[k]!.push(ms);
    }
  }
  return variants.map((v, k) => ({
    operation: v.operation,
    route: v.route,
    temperature: v.temperature,
    latencyMs: summarize(times[k]!),
    errors: errors[k]!,
    samplesMs: times[k]!,
  }));
}

export interface Throughput {
  name: string;
  clients: number;
  /** Requests sent (fewer than asked when the phase ran out of time). */
  requests: number;
  seconds: number;
  /** Successful answers per second over the phase. */
  perSecond: number;
  latencyMs: Summary;
  errors: Record<string, number>;
}

/**
 * `clients` clients, each sending its next request as soon as the previous one is answered, until `requests` have
 * been sent in all or `maxSeconds` have passed; `send(client, seq)` gets the client's number (for per-client state
 * such as its own customers).
 */
export async function concurrent(
  name: string,
  clients: number,
  limits: { requests: number; maxSeconds: number },
  send: (client: number, seq: number) => Variant,
): Promise<Throughput> {
  const times: number[] = [];
  const errors: Record<string, number> = {};
  let next = 0;
  const started = performance.now();
  const deadline = started + limits.maxSeconds * 1000;
  const client = async (c: number) => {
    while (next < limits.requests && performance.now() < deadline) {
      const seq = next++;
      const ms = await timeOne(send(c, seq), seq, errors);
      if (ms !== null) times.push(ms);
    }
  };
  await Promise.all(Array.from({ length: clients }, (_, c) => client(c)));
  const seconds = (performance.now() - started) / 1000;
  return {
    name,
    clients,
    requests: next,
    seconds: Math.round(seconds * 10) / 10,
    perSecond: Math.round((times.length / seconds) * 10) / 10,
    latencyMs: summarize(times),
    errors,
  };
}
