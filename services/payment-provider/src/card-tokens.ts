// Test card tokens and what the sandbox does with each (Stripe-like): pure, so the behaviour is easy to read.

export type TokenBehaviour =
  | { kind: 'succeed' }
  | { kind: 'decline'; code: string; message: string }
  | { kind: 'hang' }
  | { kind: 'unavailable' };

/** Attempts under one idempotency key that tok_flaky answers with 503 before it succeeds. */
export const FLAKY_FAILURES = 2;

/** `attempt` counts the requests made so far under the same idempotency key (1 for the first). */
export function tokenBehaviour(token: string, attempt: number): TokenBehaviour {
  switch (token) {
    case 'tok_visa':
    case 'tok_mastercard':
      return { kind: 'succeed' };
    case 'tok_chargeDeclined':
      return { kind: 'decline', code: 'card_declined', message: 'Your card was declined.' };
    case 'tok_chargeDeclinedInsufficientFunds':
      return { kind: 'decline', code: 'insufficient_funds', message: 'Your card has insufficient funds.' };
    case 'tok_timeout':
      return { kind: 'hang' };
    case 'tok_flaky':
      return attempt <= FLAKY_FAILURES ? { kind: 'unavailable' } : { kind: 'succeed' };
    default:
      return { kind: 'decline', code: 'invalid_token', message: 'No such token.' };
  }
}
