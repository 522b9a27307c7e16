// Profile changes, each in one transaction with its history row: creation from registration, and the owner's update.
import type { Static } from '@sinclair/typebox';
import type { UserRegistered } from '@techcorp/contracts';
import { notFound, type Sql, type SqlExecutor } from '@techcorp/platform';
import { diffStates, hasChanges } from '../history/history.diff.ts';
import { type Actor, historySql } from '../history/history.sql.ts';
import { assertIfMatch } from '../http/etag.ts';
import { defaultPreferences } from '../preferences/preferences.policy.ts';
import { preferencesSql } from '../preferences/preferences.sql.ts';
import type { PatchProfileBody, ProfileView } from './profile.schemas.ts';
import { type ProfileRecord, profileSql } from './profile.sql.ts';
import { profileEtag, profileView } from './profile.view.ts';

export type UserRegisteredData = Static<typeof UserRegistered.schema>;

export interface Locale {
  language: string;
  currency: string;
}

/** Locks the user's profile row (see profileSql.lock) or answers 404: nothing is written for an unknown user. */
export async function lockProfile(tx: SqlExecutor, userId: string): Promise<ProfileRecord> {
  const record = await profileSql(tx).lock(userId);
  if (!record) throw notFound('profile not found');
  return record;
}

/**
 * Creates the profile and its default preferences; resolves false, changing nothing, when the profile exists
 * (the same registration under another message id: the inbox only catches the same id).
 */
export async function registerProfile(
  tx: SqlExecutor,
  data: UserRegisteredData,
  locale: Locale,
  actor: Actor,
): Promise<boolean> {
  const userId = data.userId.toLowerCase();
  const email = data.email.trim();
  // The contract allows a name of spaces or control characters (which PostgreSQL may refuse); a profile needs a
  // visible one, or the event would fail on every retry.
  const name = data.name.replace(/\p{Cc}/gu, ' ').trim() || email.split('@')[0] || email;
  if (!(await profileSql(tx).insert({ userId, email, name }))) return false;
  await preferencesSql(tx).insert(userId, defaultPreferences(locale));
  const changes = diffStates(null, { email, name });
  await historySql(tx).record(userId, actor, [{ entity: 'profile', entityId: userId, action: 'created', changes }]);
  return true;
}

/** Applies the owner's PATCH; a PATCH that changes nothing writes nothing (no version bump, no history row). */
export async function updateProfile(
  sql: Sql,
  userId: string,
  patch: PatchProfileBody,
  ifMatch: string | undefined,
  actor: Actor,
): Promise<{ view: ProfileView; changed: boolean }> {
  return sql.transaction(async (tx) => {
    const current = await lockProfile(tx, userId);
    assertIfMatch(ifMatch, profileEtag(profileView(current)));
    const before = { name: current.name, phone: current.phone };
    const after = { name: patch.name ?? current.name, phone: patch.phone === undefined ? current.phone : patch.phone };
    const changes = diffStates(before, after);
    if (!hasChanges(changes)) return { view: profileView(current), changed: false };
    const updated = await profileSql(tx).update(userId, after);
    await historySql(tx).record(userId, actor, [{ entity: 'profile', entityId: userId, action: 'updated', changes }]);
    return { view: profileView({ ...updated, preferences: current.preferences }), changed: true };
  });
}
