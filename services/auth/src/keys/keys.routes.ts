// HTTP for signing keys: the public JWKS, and admin rotation and listing (never key material).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { unavailable } from '@techcorp/platform';
import type { AuthDeps } from '../deps.ts';

const Jwk = Type.Object({
  kty: Type.String(),
  n: Type.String(),
  e: Type.String(),
  kid: Type.String(),
  alg: Type.String(),
  use: Type.String(),
});
const Jwks = Type.Object({ keys: Type.Array(Jwk) });
const KeyView = Type.Object({
  kid: Type.String(),
  state: Type.String(),
  created_at: Type.String(),
  retire_after: Type.Union([Type.String(), Type.Null()]),
});
const KeyList = Type.Object({ items: Type.Array(KeyView) });
const Rotated = Type.Object({ kid: Type.String(), retiring: Type.Union([Type.String(), Type.Null()]) });
const MAX_LISTED = 100;

export const keyRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  const { auth, keyring } = deps;

  // Read from the database on every request: a key another instance just rotated in is published at once.
  app.get('/.well-known/jwks.json', { schema: { response: { 200: Jwks } } }, async (request, reply) => {
    const keys = await keyring.published().catch((error: unknown) => {
      request.log.error({ err: error }, 'reading the published keys failed');
      throw unavailable('the key set is temporarily unavailable');
    });
    return reply.header('cache-control', 'public, max-age=60').send({ keys });
  });

  app.get('/api/auth/keys', { onRequest: auth.admin, schema: { response: { 200: KeyList } } }, async () => {
    const rows = await keyring.list(MAX_LISTED);
    return {
      items: rows.map((k) => ({
        kid: k.kid,
        state: k.state,
        created_at: k.createdAt.toISOString(),
        retire_after: k.retireAfter?.toISOString() ?? null,
      })),
    };
  });

  app.post(
    '/api/auth/keys/rotate',
    { onRequest: auth.admin, schema: { response: { 200: Rotated } } },
    async (request) => {
      const rotated = await keyring.rotate();
      request.log.info({ ...rotated, by: auth.identity(request).subject }, 'signing key rotated by an admin');
      return rotated;
    },
  );
};
