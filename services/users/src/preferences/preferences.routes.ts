// HTTP for the caller's preferences: GET and a partial PATCH (notifications deep-merged).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { actorOf, ownUserId } from '../http/caller.ts';
import { setEtag } from '../http/etag.ts';
import { IfMatchHeaders } from '../http/schemas.ts';
import { type ProfileRouteDeps, readProfileView } from '../profile/profile.routes.ts';
import { preferencesEtag } from '../profile/profile.view.ts';
import { updatePreferences } from './preferences.commands.ts';
import { PatchPreferencesBody, PreferencesView } from './preferences.schemas.ts';

export const preferencesRoutes: FastifyPluginAsyncTypebox<ProfileRouteDeps> = async (app, deps) => {
  const { sql, auth, cache } = deps;

  app.get(
    '/api/users/me/preferences',
    { onRequest: auth.authenticated, schema: { response: { 200: PreferencesView } } },
    async (request, reply) => {
      const { preferences } = await readProfileView(deps, ownUserId(auth, request));
      setEtag(reply, preferencesEtag(preferences));
      return preferences;
    },
  );

  app.patch(
    '/api/users/me/preferences',
    {
      onRequest: auth.authenticated,
      schema: { body: PatchPreferencesBody, headers: IfMatchHeaders, response: { 200: PreferencesView } },
    },
    async (request, reply) => {
      const userId = ownUserId(auth, request);
      const ifMatch = request.headers['if-match'];
      const { view, changed } = await updatePreferences(sql, userId, request.body, ifMatch, actorOf(auth, request));
      if (changed) await cache.invalidate(userId);
      setEtag(reply, preferencesEtag(view));
      return view;
    },
  );
};
