// Specification of history diffs: which fields changed, from what, to what.
import { describe, expect, it } from 'vitest';
import { diffStates, hasChanges } from './history.diff.ts';

describe('given no previous state (created)', () => {
  it('records every non-null field from null', () => {
    expect(diffStates(null, { email: 'a@example.com', name: 'Ana', phone: null })).toEqual({
      email: { from: null, to: 'a@example.com' },
      name: { from: null, to: 'Ana' },
    });
  });
});

describe('given a previous state', () => {
  const before = { name: 'Ana', phone: null as string | null, is_default_shipping: true };

  it('records only the fields whose value differs', () => {
    expect(diffStates(before, { ...before, name: 'Ana Souza', phone: '+5511912345678' })).toEqual({
      name: { from: 'Ana', to: 'Ana Souza' },
      phone: { from: null, to: '+5511912345678' },
    });
  });

  it('records a cleared field as to null and a flipped flag as false', () => {
    expect(diffStates({ phone: '+5511912345678', flag: true }, { phone: null, flag: false })).toEqual({
      flag: { from: true, to: false },
      phone: { from: '+5511912345678', to: null },
    });
  });

  it('gives no changes for an equal state', () => {
    const changes = diffStates(before, { ...before });
    expect(changes).toEqual({});
    expect(hasChanges(changes)).toBe(false);
  });

  it('treats a missing field like null', () => {
    expect(diffStates({ line2: null }, {})).toEqual({});
    expect(diffStates({}, { line2: 'Apto 4' })).toEqual({ line2: { from: null, to: 'Apto 4' } });
  });

  it('records every field to null when deleted', () => {
    expect(diffStates({ city: 'Recife', region: null }, null)).toEqual({ city: { from: 'Recife', to: null } });
  });
});

describe('given nested values', () => {
  const prefs = {
    language: 'pt-BR',
    notifications: {
      email: { order_updates: true, promotions: false },
      sms: { order_updates: true, promotions: false },
    },
  };

  it('names the nested leaf that changed, dotted', () => {
    const after = {
      ...prefs,
      notifications: { ...prefs.notifications, sms: { order_updates: true, promotions: true } },
    };
    expect(diffStates(prefs, after)).toEqual({ 'notifications.sms.promotions': { from: false, to: true } });
  });

  it('writes dates as ISO strings, so the change is stored as JSON shows it', () => {
    const at = new Date('2025-01-02T03:04:05.000Z');
    expect(diffStates({ at: null }, { at })).toEqual({ at: { from: null, to: '2025-01-02T03:04:05.000Z' } });
  });
});
