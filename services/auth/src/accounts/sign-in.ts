// Registration and sign-in (password, then the MFA step when enabled): the flows behind the public account routes.
import { conflict, enqueueOutbox, type FieldError, unauthenticated, validationError } from '@techcorp/platform';
import type { FastifyReply } from 'fastify';
import { v7 as uuidv7 } from 'uuid';
import type { AuthDeps } from '../deps.ts';
import type { Device } from '../sessions/session.policy.ts';
import type { TokenPair } from '../sessions/session-service.ts';
import { isEmail, normaliseEmail, normaliseName, passwordProblem } from './account.policy.ts';
import { accountKey, enforce, ipKey } from './login-throttle.ts';
import { userRegisteredEvent } from './user-events.ts';
import { type UserRow, usersSql } from './users.sql.ts';

export interface UserView {
  id: string;
  email: string;
  name: string;
  roles: string[];
}

export type SignInResult =
  | ({ kind: 'tokens'; user: UserView } & TokenPair)
  | { kind: 'mfa'; mfa_token: string; expires_in: number };

export const userView = (user: UserRow): UserView => ({
  id: user.id,
  email: user.email,
  name: user.name,
  roles: user.roles,
});

/** One body for an unknown e-mail and a wrong password, so neither reveals whether an account exists. */
const invalidCredentials = () => unauthenticated('invalid e-mail or password');
const invalidSecondFactor = () => unauthenticated('the sign-in challenge or code is invalid or expired');

const invalidBody = (errors: FieldError[]) =>
  validationError(`invalid request body: ${errors[0]?.field} ${errors[0]?.message}`, errors);

export function createSignIn(deps: AuthDeps) {
  const { sql, passwords, sessions, throttle, mfa, challenges, metrics, config } = deps;
  const limits = config.login;

  const openSession = async (user: UserRow, device: Device) => {
    await sessions.ready();
    const issued = await sql.transaction((tx) => sessions.open(tx, user, device));
    await issued.afterCommit();
    return { kind: 'tokens' as const, user: userView(user), ...issued.tokens };
  };

  return {
    async register(input: { email: string; password: string; name: string }, device: Device) {
      const email = normaliseEmail(input.email);
      const errors: FieldError[] = [];
      if (!isEmail(email)) errors.push({ field: 'email', message: 'must be an e-mail address' });
      const problem = passwordProblem(input.password, email);
      if (problem) errors.push({ field: 'password', message: problem });
      if (errors.length > 0) throw invalidBody(errors);
      const passwordHash = await passwords.hash(input.password);
      await sessions.ready();
      const { user, issued } = await sql.transaction(async (tx) => {
        const name = normaliseName(input.name);
        const created = await usersSql(tx).insert({ id: uuidv7(), email, name, passwordHash, roles: ['USER'] });
        if (!created) throw conflict('an account with this e-mail address already exists');
        await enqueueOutbox(tx, [userRegisteredEvent(created)]);
        return { user: created, issued: await sessions.open(tx, created, device) };
      });
      deps.afterCommit();
      await issued.afterCommit();
      metrics.registrations.inc();
      return { user: userView(user), ...issued.tokens };
    },

    async withPassword(
      reply: FastifyReply,
      input: { email: string; password: string },
      device: Device,
      ip: string,
    ): Promise<SignInResult> {
      const email = normaliseEmail(input.email);
      const account = accountKey(email);
      const address = ipKey(ip);
      const admitted = await throttle.admit([
        { key: account, max: limits.maxFailuresPerAccount },
        { key: address, max: limits.maxFailuresPerIp },
      ]);
      if (!admitted.allowed) metrics.logins.inc({ outcome: 'throttled' });
      enforce(reply, admitted);
      const user = isEmail(email) ? await usersSql(sql).byEmailWithHash(email) : undefined;
      const ok = user ? await passwords.verify(user.passwordHash, input.password) : false;
      if (!user) await passwords.burn(input.password);
      if (!user || !ok) {
        metrics.logins.inc({ outcome: 'invalid' });
        throw invalidCredentials();
      }
      await throttle.giveBack(address);
      if (passwords.needsRehash(user.passwordHash)) {
        await usersSql(sql).setPasswordHash(user.id, await passwords.hash(input.password));
      }
      if (await mfa.isEnabled(user.id)) {
        // The account's count stays until the second step succeeds, so guessing codes is throttled like passwords.
        const token = await challenges.create({ userId: user.id, accountKey: account });
        metrics.logins.inc({ outcome: 'mfa_required' });
        return { kind: 'mfa', mfa_token: token, expires_in: 300 };
      }
      await throttle.clearAccount(account);
      metrics.logins.inc({ outcome: 'success' });
      return openSession(user, device);
    },

    async withSecondFactor(
      reply: FastifyReply,
      input: { mfa_token: string; code?: string; recovery_code?: string },
      device: Device,
      ip: string,
    ): Promise<{ user: UserView } & TokenPair> {
      if ((input.code === undefined) === (input.recovery_code === undefined)) {
        throw invalidBody([{ field: 'code', message: 'give either code or recovery_code' }]);
      }
      const challenge = await challenges.attempt(input.mfa_token);
      if (!challenge) throw invalidSecondFactor();
      const address = ipKey(ip);
      enforce(
        reply,
        await throttle.admit([
          { key: challenge.accountKey, max: limits.maxFailuresPerAccount },
          { key: address, max: limits.maxFailuresPerIp },
        ]),
      );
      const { userId } = challenge;
      await sessions.ready();
      const issued = await sql.transaction(async (tx) => {
        const valid =
          input.code !== undefined
            ? await mfa.checkCode(tx, userId, input.code)
            : await mfa.checkRecoveryCode(tx, userId, input.recovery_code as string);
        const user = valid ? await usersSql(tx).byId(userId) : undefined;
        // Consumed last: a wrong code leaves the challenge for its remaining attempts.
        if (!user || !(await challenges.consume(input.mfa_token))) return null;
        return { user, session: await sessions.open(tx, user, device) };
      });
      if (!issued) {
        metrics.logins.inc({ outcome: 'invalid' });
        throw invalidSecondFactor();
      }
      await issued.session.afterCommit();
      await throttle.clearAccount(challenge.accountKey);
      await throttle.giveBack(address);
      metrics.logins.inc({ outcome: 'success' });
      return { user: userView(issued.user), ...issued.session.tokens };
    },
  };
}
