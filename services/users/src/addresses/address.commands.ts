// Address changes, each in one transaction under the owner's profile lock, with history rows for every address touched.
import { AppError, notFound, type Sql, type SqlExecutor, validationError } from '@techcorp/platform';
import { v7 as uuidv7 } from 'uuid';
import { type Changes, diffStates, hasChanges } from '../history/history.diff.ts';
import { type Actor, type HistoryEntry, historySql } from '../history/history.sql.ts';
import { assertIfMatch, etagOf } from '../http/etag.ts';
import { lockProfile } from '../profile/profile.commands.ts';
import {
  DEFAULT_KINDS,
  type DefaultFlags,
  type DefaultKind,
  isCountryCode,
  limitReached,
  MAX_ADDRESSES_PER_USER,
  newAddressDefaults,
} from './address.policy.ts';
import type { CreateAddressBody, PatchAddressBody } from './address.schemas.ts';
import { type AddressFields, type AddressRow, addressSql } from './address.sql.ts';
import { addressState, applyAddressPatch, fieldsFromCreate } from './address.view.ts';

const FLAG_FIELD: Record<DefaultKind, 'is_default_shipping' | 'is_default_billing'> = {
  shipping: 'is_default_shipping',
  billing: 'is_default_billing',
};

const flagsOf = (f: AddressFields): DefaultFlags => ({ shipping: f.isDefaultShipping, billing: f.isDefaultBilling });

function assertCountry(country: string | undefined): void {
  if (country !== undefined && !isCountryCode(country)) {
    throw validationError('invalid address', [
      { field: 'country', message: 'is not an ISO 3166-1 alpha-2 country code' },
    ]);
  }
}

/**
 * Makes `addressId` the only default of each kind it gains: the user's previous default loses the flag in the same
 * transaction. Returns the history entries of the addresses that lost it.
 */
async function takeDefaults(
  tx: SqlExecutor,
  userId: string,
  addressId: string,
  gained: readonly DefaultKind[],
): Promise<HistoryEntry[]> {
  const lost = new Map<string, Changes>();
  for (const kind of gained) {
    for (const id of await addressSql(tx).clearDefault(userId, kind, addressId)) {
      lost.set(id, { ...lost.get(id), [FLAG_FIELD[kind]]: { from: true, to: false } });
    }
  }
  return [...lost].map(([entityId, changes]) => ({ entity: 'address', entityId, action: 'updated', changes }));
}

export async function createAddress(sql: Sql, userId: string, body: CreateAddressBody, actor: Actor) {
  assertCountry(body.country);
  return sql.transaction(async (tx) => {
    await lockProfile(tx, userId);
    const summary = await addressSql(tx).summary(userId);
    if (limitReached(summary.count)) {
      throw new AppError(409, 'address-limit', `at most ${MAX_ADDRESSES_PER_USER} addresses per user`);
    }
    const requested = { shipping: body.is_default_shipping, billing: body.is_default_billing };
    const existing = { shipping: summary.hasDefaultShipping, billing: summary.hasDefaultBilling };
    const fields = fieldsFromCreate(body, newAddressDefaults(requested, existing));
    const id = uuidv7();
    const flags = flagsOf(fields);
    const sideEffects = await takeDefaults(
      tx,
      userId,
      id,
      DEFAULT_KINDS.filter((kind) => flags[kind]),
    );
    const row = await addressSql(tx).insert(id, userId, fields);
    const created: HistoryEntry = {
      entity: 'address',
      entityId: id,
      action: 'created',
      changes: diffStates(null, addressState(fields)),
    };
    // The address's own change last, so it is the newest entry.
    await historySql(tx).record(userId, actor, [...sideEffects, created]);
    return row;
  });
}

/** The owner's address, else 404 (another user's address is indistinguishable from a missing one). */
async function ownAddress(tx: SqlExecutor, userId: string, addressId: string): Promise<AddressRow> {
  const row = await addressSql(tx).get(userId, addressId, { lock: true });
  if (!row) throw notFound('address not found');
  return row;
}

export async function updateAddress(
  sql: Sql,
  userId: string,
  addressId: string,
  patch: PatchAddressBody,
  ifMatch: string | undefined,
  actor: Actor,
): Promise<{ row: AddressRow; changed: boolean }> {
  assertCountry(patch.country);
  return sql.transaction(async (tx) => {
    await lockProfile(tx, userId);
    const current = await ownAddress(tx, userId, addressId);
    assertIfMatch(ifMatch, etagOf(current.version));
    const next = applyAddressPatch(current, patch);
    const changes = diffStates(addressState(current), addressState(next));
    if (!hasChanges(changes)) return { row: current, changed: false };
    const before = flagsOf(current);
    const after = flagsOf(next);
    const gained = DEFAULT_KINDS.filter((kind) => after[kind] && !before[kind]);
    const sideEffects = await takeDefaults(tx, userId, addressId, gained);
    const row = await addressSql(tx).update(userId, addressId, next);
    const updated: HistoryEntry = { entity: 'address', entityId: addressId, action: 'updated', changes };
    await historySql(tx).record(userId, actor, [...sideEffects, updated]);
    return { row, changed: true };
  });
}

export async function deleteAddress(
  sql: Sql,
  userId: string,
  addressId: string,
  ifMatch: string | undefined,
  actor: Actor,
): Promise<void> {
  await sql.transaction(async (tx) => {
    await lockProfile(tx, userId);
    const current = await ownAddress(tx, userId, addressId);
    assertIfMatch(ifMatch, etagOf(current.version));
    await addressSql(tx).delete(userId, addressId);
    const changes = diffStates(addressState(current), null);
    await historySql(tx).record(userId, actor, [
      { entity: 'address', entityId: addressId, action: 'deleted', changes },
    ]);
  });
}
