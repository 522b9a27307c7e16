// Preferences as values: the defaults a new profile gets, and a partial update deep-merged into the current ones (pure).

export const CHANNELS = ['email', 'sms', 'push'] as const;
export const CATEGORIES = ['order_updates', 'promotions'] as const;
export type Channel = (typeof CHANNELS)[number];
export type Category = (typeof CATEGORIES)[number];

/** true means "send": per channel and category, so a user can stop promotions by SMS and keep them by e-mail. */
export type Notifications = Record<Channel, Record<Category, boolean>>;

export interface Preferences {
  language: string;
  currency: string;
  notifications: Notifications;
}

export interface PreferencesPatch {
  language?: string;
  currency?: string;
  notifications?: Partial<Record<Channel, Partial<Record<Category, boolean>>>>;
}

/** Order updates are service messages a buyer expects; promotions need the user to opt in. */
const DEFAULT_SEND: Record<Category, boolean> = { order_updates: true, promotions: false };

export function defaultNotifications(): Notifications {
  return Object.fromEntries(CHANNELS.map((channel) => [channel, { ...DEFAULT_SEND }])) as Notifications;
}

export function defaultPreferences(locale: { language: string; currency: string }): Preferences {
  return { language: locale.language, currency: locale.currency, notifications: defaultNotifications() };
}

/**
 * Notifications as stored, completed with the defaults for any channel or category it lacks (rows written before a
 * category existed), and stripped of anything unknown.
 */
export function normalizeNotifications(stored: unknown): Notifications {
  const source = (stored ?? {}) as Record<string, Record<string, unknown> | undefined>;
  const out = defaultNotifications();
  for (const channel of CHANNELS) {
    for (const category of CATEGORIES) {
      const value = source[channel]?.[category];
      if (typeof value === 'boolean') out[channel][category] = value;
    }
  }
  return out;
}

/** The preferences after a PATCH: given fields replace, notifications merge per channel and category. */
export function mergePreferences(current: Preferences, patch: PreferencesPatch): Preferences {
  const notifications = normalizeNotifications(current.notifications);
  for (const channel of CHANNELS) {
    const given = patch.notifications?.[channel];
    if (!given) continue;
    for (const category of CATEGORIES) {
      const value = given[category];
      if (value !== undefined) notifications[channel][category] = value;
    }
  }
  return {
    language: patch.language ?? current.language,
    currency: patch.currency ?? current.currency,
    notifications,
  };
}
