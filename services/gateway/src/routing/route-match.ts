// Finds the routing-table row for a request and computes the path the upstream receives.
import { ROUTES, type RouteEntry } from './route-table.ts';

/** The path of a request URL (no query string). */
export function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

const DOT_SEGMENT = /(^|\/)(\.|%2e){1,2}(\/|$)/i;
const ENCODED_SEPARATOR_OR_NUL = /%(2f|5c|00)/i;

/**
 * Why a path is refused, or null when it is in normal form. Dot segments, doubled slashes, backslashes and encoded
 * separators could make the upstream see another path than the one the gateway authorised, so they never pass.
 */
export function abnormalPath(path: string): string | null {
  if (!path.startsWith('/')) return 'the path must start with /';
  if (path.includes('//')) return 'the path contains an empty segment';
  if (path.includes('\\') || ENCODED_SEPARATOR_OR_NUL.test(path)) return 'the path contains an encoded separator';
  if (DOT_SEGMENT.test(path)) return 'the path contains a dot segment';
  return null;
}

function methodMatches(entry: RouteEntry, method: string): boolean {
  return entry.methods === undefined || entry.methods.includes(method);
}

function pathMatches(entry: RouteEntry, path: string): boolean {
  if (entry.exact !== undefined) return path === entry.exact;
  if (entry.prefix !== undefined) return path === entry.prefix || path.startsWith(`${entry.prefix}/`);
  return false;
}

export function matchRoute(method: string, path: string, routes: readonly RouteEntry[] = ROUTES): RouteEntry | null {
  return routes.find((entry) => methodMatches(entry, method) && pathMatches(entry, path)) ?? null;
}

/** Path and query as the upstream receives them (after the row's rewrite). */
export function upstreamTarget(entry: RouteEntry, url: string): string {
  const rewrite = entry.rewrite;
  if (!rewrite || !url.startsWith(rewrite.from)) return url;
  return rewrite.to + url.slice(rewrite.from.length);
}
