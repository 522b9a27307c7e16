// HTTP schemas of preferences: the view, and the partial update whose notifications merge per channel and category.
import { type Static, Type } from '@sinclair/typebox';
import { Currency, Language } from '../http/schemas.ts';

// Channels and categories as in preferences.policy.ts (CHANNELS x CATEGORIES); a unit test keeps them in step.
const ChannelView = Type.Object({ order_updates: Type.Boolean(), promotions: Type.Boolean() });
const ChannelPatch = Type.Object(
  { order_updates: Type.Optional(Type.Boolean()), promotions: Type.Optional(Type.Boolean()) },
  { additionalProperties: false, minProperties: 1 },
);

export const NotificationsView = Type.Object({ email: ChannelView, sms: ChannelView, push: ChannelView });

export const PreferencesView = Type.Object({
  language: Type.String(),
  currency: Type.String(),
  notifications: NotificationsView,
  updated_at: Type.String(),
  version: Type.Integer(),
});
export type PreferencesView = Static<typeof PreferencesView>;

const NotificationsPatch = Type.Object(
  { email: Type.Optional(ChannelPatch), sms: Type.Optional(ChannelPatch), push: Type.Optional(ChannelPatch) },
  { additionalProperties: false, minProperties: 1 },
);

export const PatchPreferencesBody = Type.Object(
  {
    language: Type.Optional(Language),
    currency: Type.Optional(Currency),
    notifications: Type.Optional(NotificationsPatch),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type PatchPreferencesBody = Static<typeof PatchPreferencesBody>;
