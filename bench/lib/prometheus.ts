// Reads services' Prometheus /metrics text: series values, differences between two scrapes, histogram summaries
// and mean server-side time per route (from http_request_duration_seconds _sum/_count).
import { httpJson } from './http-client.ts';

/** Series (`name{labels}` as printed) to value. */
export type Scrape = Map<string, number>;

export async function scrape(baseUrl: string | null): Promise<Scrape> {
  const series: Scrape = new Map();
  if (!baseUrl) return series;
  const res = await httpJson(`${baseUrl}/metrics`, { timeoutMs: 10_000 }).catch(() => null);
  if (res?.status !== 200 || typeof res.body !== 'string') return series;
  for (const line of res.body.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    const value = Number(line.slice(space + 1));
    if (Number.isFinite(value)) series.set(line.slice(0, space), value);
  }
  return series;
}

export function difference(after: Scrape, before: Scrape): Scrape {
  const out: Scrape = new Map();
  for (const [key, value] of after) out.set(key, value - (before.get(key) ?? 0));
  return out;
}

/** The value of label `name` in a series key, e.g. label('x{a="1",b="2"}', 'b') === '2'. */
export function label(series: string, name: string): string | null {
  return new RegExp(`[{,]${name}="([^"]*)"`).exec(series)?.[1] ?? null;
}

/** Sum of every series of metric `name` whose labels include all of `where`. */
export function total(s: Scrape, name: string, where: Record<string, string> = {}): number {
  let sum = 0;
  for (const [key, value] of s) {
    if (key !== name && !key.startsWith(`${name}{`)) continue;
    if (Object.entries(where).every(([k, v]) => label(key, k) === v)) sum += value;
  }
  return sum;
}

export interface HistogramFigures {
  count: number;
  meanS: number | null;
  /** Upper bound of the bucket holding each quantile (Prometheus buckets: an over-estimate, never under). */
  p50LeS: number | null;
  p95LeS: number | null;
  p99LeS: number | null;
  /** Upper bound of the highest non-empty bucket (Infinity when past the last bound). */
  maxLeS: number | null;
}

export function histogram(s: Scrape, name: string): HistogramFigures {
  const buckets = [...s]
    .filter(([key]) => key.startsWith(`${name}_bucket{`))
    .map(([key, cumulative]) => ({ le: Number(label(key, 'le') === '+Inf' ? Infinity : label(key, 'le')), cumulative }))
    .sort((a, b) => a.le - b.le);
  const count = total(s, `${name}_count`);
  const quantile = (q: number) => (count === 0 ? null : (buckets.find((b) => b.cumulative >= q * count)?.le ?? null));
  const highest = buckets.find((b) => b.cumulative >= count);
  return {
    count,
    meanS: count === 0 ? null : Math.round((total(s, `${name}_sum`) / count) * 10_000) / 10_000,
    p50LeS: quantile(0.5),
    p95LeS: quantile(0.95),
    p99LeS: quantile(0.99),
    maxLeS: count === 0 ? null : (highest?.le ?? null),
  };
}

export interface RouteTime {
  service: string;
  route: string;
  requests: number;
  meanMs: number;
}

/** Mean server-side time per method and route over a scrape difference, routes with requests only. */
export function routeTimes(service: string, d: Scrape): RouteTime[] {
  const byRoute = new Map<string, { n: number; s: number }>();
  for (const [key, value] of d) {
    const sum = key.startsWith('http_request_duration_seconds_sum{');
    if (!sum && !key.startsWith('http_request_duration_seconds_count{')) continue;
    const route = `${label(key, 'method')} ${label(key, 'route')}`;
    const entry = byRoute.get(route) ?? { n: 0, s: 0 };
    if (sum) entry.s += value;
    else entry.n += value;
    byRoute.set(route, entry);
  }
  return [...byRoute]
    .filter(([, { n }]) => n > 0)
    .map(([route, { n, s }]) => ({ service, route, requests: n, meanMs: Math.round((s / n) * 10_000) / 10 }))
    .sort((a, b) => b.requests - a.requests);
}
