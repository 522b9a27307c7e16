// The owner's preferences update: merged, diffed and written with its history row in one transaction.
import type { Sql } from '@techcorp/platform';
import { diffStates, hasChanges } from '../history/history.diff.ts';
import { type Actor, historySql } from '../history/history.sql.ts';
import { assertIfMatch } from '../http/etag.ts';
import { lockProfile } from '../profile/profile.commands.ts';
import { preferencesEtag, preferencesView } from '../profile/profile.view.ts';
import { mergePreferences, normalizeNotifications, type Preferences } from './preferences.policy.ts';
import type { PatchPreferencesBody, PreferencesView } from './preferences.schemas.ts';
import { preferencesSql } from './preferences.sql.ts';

export async function updatePreferences(
  sql: Sql,
  userId: string,
  patch: PatchPreferencesBody,
  ifMatch: string | undefined,
  actor: Actor,
): Promise<{ view: PreferencesView; changed: boolean }> {
  return sql.transaction(async (tx) => {
    const { preferences: row } = await lockProfile(tx, userId);
    const currentView = preferencesView(row);
    assertIfMatch(ifMatch, preferencesEtag(currentView));
    const current: Preferences = {
      language: row.language,
      currency: row.currency,
      notifications: normalizeNotifications(row.notifications),
    };
    const next = mergePreferences(current, patch);
    const changes = diffStates({ ...current }, { ...next });
    if (!hasChanges(changes)) return { view: currentView, changed: false };
    const updated = await preferencesSql(tx).update(userId, next);
    await historySql(tx).record(userId, actor, [
      { entity: 'preferences', entityId: userId, action: 'updated', changes },
    ]);
    return { view: preferencesView(updated), changed: true };
  });
}
