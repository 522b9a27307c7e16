// HTTP for TOTP MFA of the signed-in user: start enrolment, confirm it (recovery codes shown once), turn it off.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { AppError, unauthenticated } from '@techcorp/platform';
import type { FastifyReply } from 'fastify';
import { enforce } from '../accounts/login-throttle.ts';
import { usersSql } from '../accounts/users.sql.ts';
import { userCaller } from '../caller.ts';
import type { AuthDeps } from '../deps.ts';
import { NO_STORE, TotpCode } from '../http-schemas.ts';

const CodeBody = Type.Object({ code: TotpCode }, { additionalProperties: false });
const Enrolment = Type.Object({ secret: Type.String(), otpauth_uri: Type.String() });
const RecoveryCodes = Type.Object({ recovery_codes: Type.Array(Type.String()) });

/** Per-user budget of wrong codes on these routes: a stolen access token must not brute-force the seed. */
const failuresKey = (userId: string) => `auth:mfa-failures:${userId}`;

export const mfaRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  const { auth, mfa, throttle, sql, config } = deps;

  /** Runs a code check under the per-user budget; a success clears it. */
  const budgeted = async <T>(reply: FastifyReply, userId: string, work: () => Promise<T>): Promise<T> => {
    const key = failuresKey(userId);
    enforce(reply, await throttle.admit([{ key, max: config.login.maxFailuresPerAccount }]));
    try {
      const result = await work();
      await throttle.clearAccount(key);
      return result;
    } catch (error) {
      // Only a wrong code counts; a conflict (nothing pending, already on) is not a guess.
      if (error instanceof AppError && error.status !== 400) await throttle.giveBack(key);
      throw error;
    }
  };

  app.post(
    '/api/auth/mfa/totp',
    { onRequest: auth.authenticated, schema: { response: { 200: Enrolment } } },
    async (request, reply) => {
      const { userId } = userCaller(auth, request);
      const user = await usersSql(sql).byId(userId);
      if (!user) throw unauthenticated('unknown user');
      return reply.headers(NO_STORE).send(await mfa.enrol(user.id, user.email));
    },
  );

  app.post(
    '/api/auth/mfa/totp/verify',
    { onRequest: auth.authenticated, schema: { body: CodeBody, response: { 200: RecoveryCodes } } },
    async (request, reply) => {
      const { userId } = userCaller(auth, request);
      const codes = await budgeted(reply, userId, () => mfa.confirm(userId, request.body.code));
      request.log.info({ userId }, 'two-factor authentication enabled');
      return reply.headers(NO_STORE).send({ recovery_codes: codes });
    },
  );

  app.delete(
    '/api/auth/mfa/totp',
    { onRequest: auth.authenticated, schema: { body: CodeBody } },
    async (request, reply) => {
      const { userId } = userCaller(auth, request);
      await budgeted(reply, userId, () => mfa.disable(userId, request.body.code));
      request.log.info({ userId }, 'two-factor authentication disabled');
      return reply.code(204).send();
    },
  );
};
