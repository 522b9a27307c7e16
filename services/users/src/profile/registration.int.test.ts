// user.registered over real RabbitMQ into real PostgreSQL: one profile with default preferences, exactly once.
import { customerCaller, waitFor } from '@techcorp/platform/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startUsers, type UsersHarness } from '../testing/users-harness.ts';

let h: UsersHarness;

beforeAll(async () => {
  h = await startUsers();
});
afterAll(async () => {
  await h?.close();
});

const me = (userId: string) => h.call(customerCaller(userId), 'GET', '/api/users/me');

describe('a user.registered event', () => {
  it('creates the profile with default preferences, and history says the system created it', async () => {
    const message = h.registration({ email: 'ana@example.com', name: '  Ana Souza  ' });
    const { userId } = message.data as { userId: string };
    expectProblem(await me(userId), 404);

    await h.deliver(message);

    const res = await me(userId);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      user_id: userId,
      email: 'ana@example.com',
      name: 'Ana Souza',
      phone: null,
      version: 1,
      preferences: {
        language: 'pt-BR',
        currency: 'BRL',
        notifications: {
          email: { order_updates: true, promotions: false },
          sms: { order_updates: true, promotions: false },
          push: { order_updates: true, promotions: false },
        },
      },
    });
    expect(await h.checks.history(userId)).toEqual([
      {
        entity: 'profile',
        entity_id: userId,
        action: 'created',
        changed_by: 'system',
        correlation_id: message.correlationId,
        changes: { email: { from: null, to: 'ana@example.com' }, name: { from: null, to: 'Ana Souza' } },
      },
    ]);
  });

  it('redelivered twice still makes one profile, one preferences row and one history row', async () => {
    const message = h.registration();
    const { userId } = message.data as { userId: string };
    const before = await h.checks.counts();

    await h.deliver(message, message, message);

    expect(h.processed.filter((id) => id === message.id)).toHaveLength(3);
    expect(await h.checks.counts()).toEqual({
      ...before,
      profiles: before.profiles + 1,
      preferences: before.preferences + 1,
      history: before.history + 1,
    });
    expect(await h.checks.history(userId)).toHaveLength(1);
  });

  it('duplicated under a new message id (even with other data) changes nothing', async () => {
    const first = h.registration({ name: 'Original Name' });
    const { userId } = first.data as { userId: string };
    await h.deliver(first);
    const before = { counts: await h.checks.counts(), profile: await h.checks.profile(userId) };

    await h.deliver(h.registration({ userId, email: 'other@example.com', name: 'Impostor' }));

    expect(await h.checks.counts()).toEqual(before.counts);
    expect(await h.checks.profile(userId)).toEqual(before.profile);
    expect((await me(userId)).json()).toMatchObject({ name: 'Original Name', version: 1 });
  });

  it('with control characters in the name stores a clean name instead of failing on every retry', async () => {
    const message = h.registration({ name: '\u0007Bia\nLima\u0000' });
    await h.deliver(message);
    const { userId } = message.data as { userId: string };
    expect(await h.checks.profile(userId)).toMatchObject({ name: 'Bia Lima' });
  });

  it('with an invalid payload is dead-lettered and writes nothing', async () => {
    const before = await h.checks.counts();
    const bad = h.registration();
    (bad.data as { email: string }).email = 'not-an-email';
    await h.infra.bus.publish(bad);

    // A payload failing its contract is no valid envelope: the dead letter keeps it raw.
    const deadLettered = async () =>
      (await h.infra.bus.deadLetters('users.account-events')).some((l) => (l.raw ?? '').includes(bad.id));
    await waitFor(deadLettered, { description: 'the invalid registration dead-lettered', timeoutMs: 15_000 });
    expect(await h.checks.counts()).toEqual(before);
  });
});
