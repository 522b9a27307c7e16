// HTTP for sessions: refresh (public, rotating), logout, and the caller's own session list and removal.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound, validationError } from '@techcorp/platform';
import { userCaller } from '../caller.ts';
import type { AuthDeps } from '../deps.ts';
import { IdParams, NO_STORE, OpaqueToken, TokenPair } from '../http-schemas.ts';

const RefreshBody = Type.Object({ refresh_token: OpaqueToken }, { additionalProperties: false });
const SessionView = Type.Object({
  id: Type.String(),
  created_at: Type.String(),
  last_used_at: Type.String(),
  expires_at: Type.String(),
  user_agent: Type.Union([Type.String(), Type.Null()]),
  ip: Type.Union([Type.String(), Type.Null()]),
  current: Type.Boolean(),
});
const SessionList = Type.Object({ items: Type.Array(SessionView) });
const MAX_LISTED = 100;

export const sessionRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  const { auth, sessions } = deps;

  app.post(
    '/api/auth/refresh',
    { schema: { body: RefreshBody, response: { 200: TokenPair } } },
    async (request, reply) => {
      const tokens = await sessions.refresh(request.body.refresh_token);
      return reply.headers(NO_STORE).send(tokens);
    },
  );

  app.post('/api/auth/logout', { onRequest: auth.authenticated }, async (request, reply) => {
    const caller = userCaller(auth, request);
    if (!caller.sessionId) {
      throw validationError('the access token carries no session to log out of', [
        { field: 'authorization', message: 'has no session' },
      ]);
    }
    // Logging out twice, or of a session that already ended, is still a successful logout.
    await sessions.revokeOwn(caller.userId, caller.sessionId, 'logout');
    return reply.code(204).send();
  });

  app.get(
    '/api/auth/sessions',
    { onRequest: auth.authenticated, schema: { response: { 200: SessionList } } },
    async (request, reply) => {
      const caller = userCaller(auth, request);
      const rows = await sessions.listLive(caller.userId, MAX_LISTED);
      reply.header('cache-control', 'private, no-store');
      return {
        items: rows.map((s) => ({
          id: s.id,
          created_at: s.createdAt.toISOString(),
          last_used_at: s.lastUsedAt.toISOString(),
          expires_at: s.expiresAt.toISOString(),
          user_agent: s.userAgent,
          ip: s.ip,
          current: s.id === caller.sessionId,
        })),
      };
    },
  );

  app.delete(
    '/api/auth/sessions/:id',
    { onRequest: auth.authenticated, schema: { params: IdParams } },
    async (request, reply) => {
      const caller = userCaller(auth, request);
      // Another user's session is indistinguishable from one that does not exist.
      const mine = await sessions.revokeOwn(caller.userId, request.params.id.toLowerCase(), 'deleted');
      if (!mine) throw notFound('session not found');
      return reply.code(204).send();
    },
  );
};
