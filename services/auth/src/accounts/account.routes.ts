// HTTP for the signed-in account (me, password change) and for admins (roles of a user).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { conflict, forbidden, notFound, unauthenticated, validationError } from '@techcorp/platform';
import { userCaller } from '../caller.ts';
import type { AuthDeps } from '../deps.ts';
import { IdParams, PasswordInput, UserView } from '../http-schemas.ts';
import { canonicalRoles, judgeRoleChange, losesAdmin, passwordProblem } from './account.policy.ts';
import { accountKey, enforce } from './login-throttle.ts';
import { userView } from './sign-in.ts';
import { usersSql } from './users.sql.ts';

const Me = Type.Object({
  id: Type.String(),
  email: Type.String(),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  mfa_enabled: Type.Boolean(),
  created_at: Type.String(),
});
const PasswordBody = Type.Object(
  { current_password: PasswordInput, new_password: PasswordInput },
  { additionalProperties: false },
);
const RolesBody = Type.Object(
  {
    roles: Type.Array(Type.Union([Type.Literal('USER'), Type.Literal('ADMIN')]), {
      minItems: 1,
      maxItems: 2,
      uniqueItems: true,
    }),
  },
  { additionalProperties: false },
);

const fieldError = (field: string, message: string) =>
  validationError(`invalid request body: ${field} ${message}`, [{ field, message }]);

export const accountRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  const { sql, auth, sessions, passwords, throttle, mfa, config } = deps;

  app.get('/api/auth/me', { onRequest: auth.authenticated, schema: { response: { 200: Me } } }, async (request) => {
    const { userId } = userCaller(auth, request);
    const user = await usersSql(sql).byId(userId);
    if (!user) throw unauthenticated('unknown user');
    return {
      ...userView(user),
      mfa_enabled: await mfa.isEnabled(user.id),
      created_at: user.createdAt.toISOString(),
    };
  });

  app.post(
    '/api/auth/password',
    { onRequest: auth.authenticated, schema: { body: PasswordBody } },
    async (request, reply) => {
      const caller = userCaller(auth, request);
      const { current_password, new_password } = request.body;
      const user = await usersSql(sql).byIdWithHash(caller.userId);
      if (!user) throw unauthenticated('unknown user');
      // A stolen access token must not become unlimited guesses at the password: same budget as sign-in.
      const key = accountKey(user.email);
      enforce(reply, await throttle.admit([{ key, max: config.login.maxFailuresPerAccount }]));
      if (!(await passwords.verify(user.passwordHash, current_password))) {
        throw fieldError('current_password', 'is incorrect');
      }
      await throttle.clearAccount(key);
      const problem = passwordProblem(new_password, user.email);
      if (problem) throw fieldError('new_password', problem);
      if (new_password.normalize('NFKC') === current_password.normalize('NFKC')) {
        throw fieldError('new_password', 'must differ from the current password');
      }
      const passwordHash = await passwords.hash(new_password);
      const revoked = await sql.transaction(async (tx) => {
        const locked = await usersSql(tx).byIdWithHash(user.id, { lock: true });
        if (locked?.passwordHash !== user.passwordHash) throw conflict('the password was changed meanwhile; retry');
        await usersSql(tx).setPasswordHash(user.id, passwordHash);
        return sessions.revokeAllInTx(tx, user.id, 'password-changed', caller.sessionId);
      });
      await sessions.forget(revoked);
      request.log.info({ userId: user.id, revokedSessions: revoked.length }, 'password changed');
      return reply.code(204).send();
    },
  );

  app.put(
    '/api/auth/users/:id/roles',
    { onRequest: auth.admin, schema: { params: IdParams, body: RolesBody, response: { 200: UserView } } },
    async (request) => {
      const caller = userCaller(auth, request);
      const targetId = request.params.id.toLowerCase();
      const roles = canonicalRoles(request.body.roles);
      if (!roles) throw fieldError('roles', 'must be ["USER"] or ["USER", "ADMIN"]');
      if (judgeRoleChange(caller.userId, targetId, roles) === 'self-demotion') {
        throw forbidden('an admin cannot remove their own ADMIN role');
      }
      const { updated, revoked } = await sql.transaction(async (tx) => {
        const locked = await usersSql(tx).lockMany([...new Set([caller.userId, targetId])]);
        const target = locked.find((u) => u.id === targetId);
        if (!target) throw notFound('user not found');
        // The token may predate a demotion of the caller; the database says whether they are still an admin.
        const self = locked.find((u) => u.id === caller.userId);
        if (!self?.roles.includes('ADMIN')) throw forbidden('requires the ADMIN role');
        const changed = (await usersSql(tx).setRoles(targetId, roles))!;
        const ended = losesAdmin(target.roles, roles)
          ? await sessions.revokeAllInTx(tx, targetId, 'admin-role-removed', null)
          : [];
        return { updated: changed, revoked: ended };
      });
      await sessions.forget(revoked);
      request.log.info({ userId: targetId, roles, by: caller.userId }, 'roles changed');
      return userView(updated);
    },
  );
};
