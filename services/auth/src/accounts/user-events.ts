// The events auth publishes about accounts (UserRegistered: never a password or a hash), in the current correlation.
import { createMessage, type Envelope, UserRegistered } from '@techcorp/contracts';
import { currentContext } from '@techcorp/platform';

export function userRegisteredEvent(user: { id: string; email: string; name: string; createdAt: Date }): Envelope {
  const context = currentContext();
  return createMessage(
    UserRegistered,
    { userId: user.id, email: user.email, name: user.name, registeredAt: user.createdAt.toISOString() },
    {
      aggregateId: user.id,
      correlationId: context?.correlationId ?? user.id,
      causationId: context?.causationId ?? null,
      traceparent: context?.traceparent ?? null,
    },
  );
}
