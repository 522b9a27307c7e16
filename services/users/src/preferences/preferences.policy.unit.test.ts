// Specification of preferences: the defaults of a new profile and the deep merge of a partial update.
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import {
  CATEGORIES,
  CHANNELS,
  defaultPreferences,
  mergePreferences,
  normalizeNotifications,
  type Preferences,
} from './preferences.policy.ts';
import { NotificationsView } from './preferences.schemas.ts';

const locale = { language: 'pt-BR', currency: 'BRL' };

describe('a new profile', () => {
  it('gets order updates on and promotions off on every channel', () => {
    expect(defaultPreferences(locale)).toEqual({
      language: 'pt-BR',
      currency: 'BRL',
      notifications: {
        email: { order_updates: true, promotions: false },
        sms: { order_updates: true, promotions: false },
        push: { order_updates: true, promotions: false },
      },
    });
  });

  it('gets fresh objects each time (no shared mutable defaults)', () => {
    const a = defaultPreferences(locale);
    a.notifications.email.promotions = true;
    expect(defaultPreferences(locale).notifications.email.promotions).toBe(false);
  });

  it('has exactly the channels and categories the HTTP schema describes', () => {
    expect(Object.keys(NotificationsView.properties)).toEqual([...CHANNELS]);
    for (const channel of CHANNELS) {
      expect(Object.keys(NotificationsView.properties[channel].properties)).toEqual([...CATEGORIES]);
    }
    expect(Value.Check(NotificationsView, defaultPreferences(locale).notifications)).toBe(true);
  });
});

describe('given the defaults, a partial update', () => {
  const current: Preferences = defaultPreferences(locale);

  it('changes one category of one channel and keeps every other', () => {
    const next = mergePreferences(current, { notifications: { sms: { promotions: true } } });
    expect(next.notifications).toEqual({
      email: { order_updates: true, promotions: false },
      sms: { order_updates: true, promotions: true },
      push: { order_updates: true, promotions: false },
    });
    expect(next.language).toBe('pt-BR');
  });

  it('replaces language and currency when given and keeps notifications', () => {
    const next = mergePreferences(current, { language: 'en', currency: 'USD' });
    expect(next).toEqual({ ...current, language: 'en', currency: 'USD' });
  });

  it('merges several channels at once', () => {
    const next = mergePreferences(current, {
      notifications: { email: { promotions: true }, push: { order_updates: false, promotions: true } },
    });
    expect(next.notifications.email).toEqual({ order_updates: true, promotions: true });
    expect(next.notifications.push).toEqual({ order_updates: false, promotions: true });
    expect(next.notifications.sms).toEqual({ order_updates: true, promotions: false });
  });

  it('does not mutate the current preferences', () => {
    const snapshot = structuredClone(current);
    mergePreferences(current, { language: 'en', notifications: { email: { order_updates: false } } });
    expect(current).toEqual(snapshot);
  });
});

describe('stored notifications', () => {
  it('are completed with defaults for what they lack and stripped of what is unknown', () => {
    expect(
      normalizeNotifications({ email: { promotions: true, newsletter: true }, fax: { order_updates: true } }),
    ).toEqual({
      email: { order_updates: true, promotions: true },
      sms: { order_updates: true, promotions: false },
      push: { order_updates: true, promotions: false },
    });
  });

  it('fall back to the defaults when missing or malformed', () => {
    expect(normalizeNotifications(null)).toEqual(defaultPreferences(locale).notifications);
    expect(normalizeNotifications({ sms: { promotions: 'yes' } }).sms.promotions).toBe(false);
  });
});
