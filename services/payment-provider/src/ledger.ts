// The sandbox's in-memory books: charges, refunds, idempotency records and a request log (no database on purpose).
import { createHash, randomBytes } from 'node:crypto';

export interface Charge {
  id: string;
  object: 'charge';
  amount: number;
  currency: string;
  status: 'succeeded' | 'failed';
  failure_code: string | null;
  amount_refunded: number;
  refunded: boolean;
  metadata: Record<string, string>;
  idempotency_key: string;
  created: number;
}

export interface Refund {
  id: string;
  object: 'refund';
  charge: string;
  amount: number;
  status: 'succeeded';
  idempotency_key: string;
  created: number;
}

/** An answer as the sandbox sends it; only final ones are stored under their idempotency key. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
}

interface KeyRecord {
  endpoint: string;
  requestHash: string;
  attempts: number;
  response: StoredResponse | null;
}

export interface LoggedRequest {
  method: string;
  path: string;
  idempotency_key: string | null;
  status: number;
  at: number;
}

export type KeyAdmission =
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'mismatch' }
  | { kind: 'proceed'; attempt: number };

export interface Ledger {
  /** Registers one attempt under an idempotency key and says whether to replay, refuse or run it. */
  admit(key: string, endpoint: string, body: unknown): KeyAdmission;
  /** Stores a final answer so later requests with the key get exactly it. */
  settle(key: string, response: StoredResponse): void;
  addCharge(input: Omit<Charge, 'id' | 'object' | 'amount_refunded' | 'refunded' | 'created'>): Charge;
  addRefund(charge: Charge, amount: number, key: string): Refund;
  charge(id: string): Charge | undefined;
  chargeByKey(key: string): Charge | undefined;
  charges(): Charge[];
  refunds(): Refund[];
  /** Records an arriving request; the caller fills in `status` once it answers. */
  log(entry: Omit<LoggedRequest, 'at'>): LoggedRequest;
  requests(idempotencyKey?: string): LoggedRequest[];
  reset(): void;
}

const newId = (prefix: string) => `${prefix}_${randomBytes(12).toString('hex')}`;
const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Canonical JSON (sorted keys), so the same body always hashes the same. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function createLedger(): Ledger {
  const keys = new Map<string, KeyRecord>();
  const charges = new Map<string, Charge>();
  const refunds = new Map<string, Refund>();
  let requestLog: LoggedRequest[] = [];

  return {
    admit(key, endpoint, body) {
      const requestHash = createHash('sha256').update(canonical(body)).digest('hex');
      const record = keys.get(key);
      if (!record) {
        keys.set(key, { endpoint, requestHash, attempts: 1, response: null });
        return { kind: 'proceed', attempt: 1 };
      }
      if (record.endpoint !== endpoint || record.requestHash !== requestHash) return { kind: 'mismatch' };
      if (record.response) return { kind: 'replay', response: record.response };
      record.attempts += 1;
      return { kind: 'proceed', attempt: record.attempts };
    },
    settle(key, response) {
      const record = keys.get(key);
      if (record) record.response = response;
    },
    addCharge(input) {
      const charge: Charge = {
        id: newId('ch'),
        object: 'charge',
        amount_refunded: 0,
        refunded: false,
        created: nowSeconds(),
        ...input,
      };
      charges.set(charge.id, charge);
      return charge;
    },
    addRefund(charge, amount, key) {
      const refund: Refund = {
        id: newId('re'),
        object: 'refund',
        charge: charge.id,
        amount,
        status: 'succeeded',
        idempotency_key: key,
        created: nowSeconds(),
      };
      refunds.set(refund.id, refund);
      charge.amount_refunded += amount;
      charge.refunded = charge.amount_refunded === charge.amount;
      return refund;
    },
    charge: (id) => charges.get(id),
    chargeByKey: (key) => [...charges.values()].find((c) => c.idempotency_key === key),
    charges: () => [...charges.values()],
    refunds: () => [...refunds.values()],
    log(entry) {
      const logged = { ...entry, at: Date.now() };
      requestLog.push(logged);
      return logged;
    },
    requests: (idempotencyKey) =>
      idempotencyKey === undefined ? [...requestLog] : requestLog.filter((r) => r.idempotency_key === idempotencyKey),
    reset() {
      keys.clear();
      charges.clear();
      refunds.clear();
      requestLog = [];
    },
  };
}
