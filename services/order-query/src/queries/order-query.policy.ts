// Pure query rules: the opaque keyset cursor, filter checks, status lists and how statuses count as saga outcomes.
import type { FieldError } from '@techcorp/platform';

export const ORDER_STATUSES = ['PENDING', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'CANCELLED', 'FAILED'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
export const SORT_KEYS = ['created_at', 'total'] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type Direction = 'asc' | 'desc';

/** Where the previous page ended: the sort key's value and the order id that breaks ties. */
export interface Cursor {
  sort: SortKey;
  direction: Direction;
  /** created_at as ISO text with microseconds, or total as a decimal integer string. */
  value: string;
  orderId: string;
}

const CURSOR_VERSION = 1;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const MICROS_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const INTEGER = /^(0|[1-9]\d{0,15})$/;

export function encodeCursor(cursor: Cursor): string {
  const payload = [CURSOR_VERSION, cursor.sort, cursor.direction, cursor.value, cursor.orderId];
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

/** Null for anything this service did not issue for this sort, so a forged or mismatched cursor is a 400. */
export function decodeCursor(raw: string, sort: SortKey, direction: Direction): Cursor | null {
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(payload) || payload.length !== 5) return null;
  const [version, s, d, value, orderId] = payload as unknown[];
  if (version !== CURSOR_VERSION || s !== sort || d !== direction) return null;
  if (typeof value !== 'string' || typeof orderId !== 'string' || !UUID.test(orderId)) return null;
  const valid = sort === 'total' ? INTEGER.test(value) : MICROS_ISO.test(value) && !Number.isNaN(Date.parse(value));
  return valid ? { sort, direction, value, orderId } : null;
}

/** Cuts a page from rows fetched with one extra; the extra row says whether another page follows. */
export function paginate<R>(
  rows: readonly R[],
  limit: number,
  cursorOf: (last: R) => Omit<Cursor, 'sort' | 'direction'>,
  sort: SortKey,
  direction: Direction,
): { items: R[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const more = rows.length > limit && last !== undefined;
  return { items, nextCursor: more ? encodeCursor({ sort, direction, ...cursorOf(last) }) : null };
}

/** `?status=A,B&status=C` -> [A, B, C] without repeats (the schema checked each name). */
export function parseStatuses(raw: readonly string[] | undefined): OrderStatus[] | undefined {
  if (raw === undefined) return undefined;
  return [...new Set(raw.flatMap((s) => s.split(',')))] as OrderStatus[];
}

export interface RangeInput {
  createdFrom?: string;
  createdTo?: string;
  minTotal?: number;
  maxTotal?: number;
}

/** Cross-field checks a JSON schema cannot express; each error names the field to fix. */
export function rangeErrors(input: RangeInput): FieldError[] {
  const errors: FieldError[] = [];
  if (input.createdFrom && input.createdTo && Date.parse(input.createdFrom) > Date.parse(input.createdTo))
    errors.push({ field: 'created_to', message: 'must not be before created_from' });
  if (input.minTotal !== undefined && input.maxTotal !== undefined && input.minTotal > input.maxTotal)
    errors.push({ field: 'max_total', message: 'must not be less than min_total' });
  return errors;
}

/** for_order and min_version come together or not at all. */
export function readYourWritesErrors(forOrder: string | undefined, minVersion: number | undefined): FieldError[] {
  if (forOrder !== undefined && minVersion === undefined)
    return [{ field: 'min_version', message: 'is required with for_order' }];
  if (minVersion !== undefined && forOrder === undefined)
    return [{ field: 'for_order', message: 'is required with min_version' }];
  return [];
}

export const DEFAULT_ANALYTICS_DAYS = 30;
export const MAX_ANALYTICS_DAYS = 366;
const DAY_MS = 86_400_000;

/** The analytics window [from, to): defaults to the last 30 days up to `now`, at most 366 days long. */
export function analyticsWindow(
  from: string | undefined,
  to: string | undefined,
  now: Date,
): { from: string; to: string } | FieldError {
  const end = to ? Date.parse(to) : now.getTime();
  const start = from ? Date.parse(from) : end - DEFAULT_ANALYTICS_DAYS * DAY_MS;
  if (start > end) return { field: 'to', message: 'must not be before from' };
  if (end - start > MAX_ANALYTICS_DAYS * DAY_MS)
    return { field: 'from', message: `spans more than ${MAX_ANALYTICS_DAYS} days` };
  return { from: new Date(start).toISOString(), to: new Date(end).toISOString() };
}

export interface SagaOutcomes {
  completed: number;
  failed: number;
  cancelled: number;
  in_progress: number;
}

const OUTCOME_OF: Record<OrderStatus, keyof SagaOutcomes> = {
  CONFIRMED: 'completed',
  SHIPPED: 'completed',
  DELIVERED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
  PENDING: 'in_progress',
};

/** The order statuses that count as a completed checkout (revenue, average order value, top products). */
export const COMPLETED_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => OUTCOME_OF[s] === 'completed');

export function sagaOutcomes(counts: readonly { status: OrderStatus; orders: number }[]): SagaOutcomes {
  const outcomes: SagaOutcomes = { completed: 0, failed: 0, cancelled: 0, in_progress: 0 };
  for (const { status, orders } of counts) outcomes[OUTCOME_OF[status]] += orders;
  return outcomes;
}
