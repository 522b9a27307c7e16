// The account-events consumer: auth's user.registered creates the profile (inbox: once per message id).
import { UserRegistered } from '@techcorp/contracts';
import type { Counter, Logger, TransactionalHandler } from '@techcorp/platform';
import { type Locale, registerProfile, type UserRegisteredData } from './profile.commands.ts';

export const ACCOUNT_EVENTS_QUEUE = 'users.account-events';

export interface RegistrationDeps {
  locale: Locale;
  logger: Logger;
  /** Registrations by outcome: created, duplicate. */
  registrations: Counter<'outcome'>;
}

/**
 * Payloads arrive validated against the contract (startConsumer runs validateEnvelope). No cache invalidation is
 * needed: a missing profile is never cached, and a duplicate changes nothing.
 */
export function registrationHandlers(deps: RegistrationDeps): Record<string, TransactionalHandler> {
  return {
    [UserRegistered.type]: async (tx, message) => {
      const data = message.data as UserRegisteredData;
      const actor = { by: 'system', correlationId: message.correlationId };
      const created = await registerProfile(tx, data, deps.locale, actor);
      deps.registrations.inc({ outcome: created ? 'created' : 'duplicate' });
      if (!created)
        deps.logger.info({ userId: data.userId, messageId: message.id }, 'profile exists; registration ignored');
    },
  };
}
