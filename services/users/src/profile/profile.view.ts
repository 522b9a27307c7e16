// Rows to the JSON views the API answers with, and the ETags derived from their versions.
import { etagOf } from '../http/etag.ts';
import { normalizeNotifications } from '../preferences/preferences.policy.ts';
import type { PreferencesView } from '../preferences/preferences.schemas.ts';
import type { ProfileSummary, ProfileView } from './profile.schemas.ts';
import type { PreferencesRow, ProfileRecord, ProfileRow } from './profile.sql.ts';

export function preferencesView(row: PreferencesRow): PreferencesView {
  return {
    language: row.language,
    currency: row.currency,
    notifications: normalizeNotifications(row.notifications),
    updated_at: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function profileSummary(row: ProfileRow): ProfileSummary {
  return {
    user_id: row.userId,
    email: row.email,
    name: row.name,
    phone: row.phone,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    version: row.version,
  };
}

export function profileView(record: ProfileRecord): ProfileView {
  return { ...profileSummary(record), preferences: preferencesView(record.preferences) };
}

/** The profile view shows preferences too, so its ETag changes when either does. */
export const profileEtag = (view: ProfileView): string => etagOf(view.version, view.preferences.version);
export const preferencesEtag = (view: PreferencesView): string => etagOf(view.version);
