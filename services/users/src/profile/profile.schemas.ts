// HTTP schemas of profiles: the profile view (with preferences), its update, and the admin look-ups.
import { type Static, Type } from '@sinclair/typebox';
import { Email, Phone, Text } from '../http/schemas.ts';
import { PreferencesView } from '../preferences/preferences.schemas.ts';

const NullableString = Type.Union([Type.String(), Type.Null()]);

const ProfileFields = {
  user_id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  phone: NullableString,
  created_at: Type.String(),
  updated_at: Type.String(),
  version: Type.Integer(),
};

export const ProfileSummary = Type.Object(ProfileFields);
export type ProfileSummary = Static<typeof ProfileSummary>;

export const ProfileView = Type.Object({ ...ProfileFields, preferences: PreferencesView });
export type ProfileView = Static<typeof ProfileView>;

/** Only these two: e-mail belongs to auth (login identity) and roles to admins there; anything else is a 400. */
export const PatchProfileBody = Type.Object(
  {
    name: Type.Optional(Text(1, 120)),
    phone: Type.Optional(Type.Union([Phone, Type.Null()])),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchProfileBody = Static<typeof PatchProfileBody>;

export const FindUsersQuery = Type.Object({ email: Email }, { additionalProperties: false });
export const ProfileList = Type.Object({ items: Type.Array(ProfileSummary) });
