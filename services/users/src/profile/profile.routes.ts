// HTTP for profiles: the caller's own (GET/PATCH /api/users/me) and the admin look-ups by id and by e-mail.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { notFound, type ServiceAuth, type Sql } from '@techcorp/platform';
import { actorOf, ownUserId } from '../http/caller.ts';
import { setEtag } from '../http/etag.ts';
import { IfMatchHeaders, UserIdParams } from '../http/schemas.ts';
import { updateProfile } from './profile.commands.ts';
import { FindUsersQuery, PatchProfileBody, ProfileList, ProfileView } from './profile.schemas.ts';
import { profileSql } from './profile.sql.ts';
import { profileEtag, profileSummary, profileView } from './profile.view.ts';
import type { ProfileCache } from './profile-cache.ts';

export interface ProfileRouteDeps {
  sql: Sql;
  auth: ServiceAuth;
  cache: ProfileCache;
}

/** Auth keeps one account per e-mail; a few rows leave room for history without letting a query list everyone. */
const MAX_EMAIL_MATCHES = 10;

/** The profile view through the cache; 404 until the registration event has been processed. */
export async function readProfileView(deps: ProfileRouteDeps, userId: string): Promise<ProfileView> {
  const view = await deps.cache.read(userId, async () => {
    const record = await profileSql(deps.sql).load(userId);
    return record ? profileView(record) : null;
  });
  if (!view) throw notFound('profile not found');
  return view;
}

export const profileRoutes: FastifyPluginAsyncTypebox<ProfileRouteDeps> = async (app, deps) => {
  const { sql, auth, cache } = deps;

  app.get(
    '/api/users/me',
    { onRequest: auth.authenticated, schema: { response: { 200: ProfileView } } },
    async (request, reply) => {
      const view = await readProfileView(deps, ownUserId(auth, request));
      setEtag(reply, profileEtag(view));
      return view;
    },
  );

  app.patch(
    '/api/users/me',
    {
      onRequest: auth.authenticated,
      schema: { body: PatchProfileBody, headers: IfMatchHeaders, response: { 200: ProfileView } },
    },
    async (request, reply) => {
      const userId = ownUserId(auth, request);
      const ifMatch = request.headers['if-match'];
      const { view, changed } = await updateProfile(sql, userId, request.body, ifMatch, actorOf(auth, request));
      if (changed) await cache.invalidate(userId);
      setEtag(reply, profileEtag(view));
      return view;
    },
  );

  app.get(
    '/api/users/:userId',
    { onRequest: auth.admin, schema: { params: UserIdParams, response: { 200: ProfileView } } },
    async (request, reply) => {
      const view = await readProfileView(deps, request.params.userId.toLowerCase());
      setEtag(reply, profileEtag(view));
      return view;
    },
  );

  app.get(
    '/api/users',
    { onRequest: auth.admin, schema: { querystring: FindUsersQuery, response: { 200: ProfileList } } },
    async (request) => {
      const rows = await profileSql(sql).findByEmail(request.query.email, MAX_EMAIL_MATCHES);
      return { items: rows.map(profileSummary) };
    },
  );
};
