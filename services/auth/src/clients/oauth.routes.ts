// HTTP for the OAuth token endpoint (client credentials only): form or JSON bodies, Basic or body client auth.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { PROBLEM_CONTENT_TYPE, problemType, validationError } from '@techcorp/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthDeps } from '../deps.ts';
import { createClientCredentials } from './client-credentials.ts';

const SCOPE_LIST = '^[A-Za-z0-9._:-]{1,64}( [A-Za-z0-9._:-]{1,64}){0,31}$';
const TokenBody = Type.Object(
  {
    grant_type: Type.String({ minLength: 1, maxLength: 64 }),
    scope: Type.Optional(Type.String({ maxLength: 2100, pattern: SCOPE_LIST })),
    client_id: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    client_secret: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
  },
  { additionalProperties: false },
);
const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

type OAuthError = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

/** problem+json carrying RFC 6749 §5.2's `error` code as an extension member, never cached. */
function oauthProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  status: 400 | 401,
  error: OAuthError,
  detail: string,
) {
  const body = {
    type: problemType(status === 401 ? 'unauthenticated' : 'validation'),
    title: status === 401 ? 'Unauthorized' : 'Bad Request',
    status,
    detail,
    instance: request.url.split('?')[0],
    error,
  };
  if (status === 401) reply.header('www-authenticate', 'Basic realm="techcorp", charset="UTF-8"');
  return reply
    .code(status)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .header('cache-control', 'no-store')
    .send(Buffer.from(JSON.stringify(body)));
}

/** RFC 6749 §2.3.1: id and secret are form-urlencoded, then joined by ':' and base64-encoded. */
export function basicCredentials(header: string): { id: string; secret: string } | null {
  const match = /^Basic[ \t]+([A-Za-z0-9+/]+={0,2})[ \t]*$/i.exec(header);
  if (!match) return null;
  const decoded = Buffer.from(match[1] as string, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return null;
  const formDecode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
  try {
    return { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
  } catch {
    return null;
  }
}

export const oauthRoutes: FastifyPluginAsyncTypebox<AuthDeps> = async (app, deps) => {
  const clients = createClientCredentials(deps);
  const { metrics } = deps;

  // Only this plugin (the token endpoint) reads forms; every other route stays JSON only.
  app.addContentTypeParser(
    'application/x-www-form-urlencoded',
    { parseAs: 'string', bodyLimit: 8192 },
    (_request, raw, done) => {
      const entries = [...new URLSearchParams(raw as string)];
      const seen = new Set<string>();
      for (const [name] of entries) {
        // RFC 6749 §3.2: a parameter must not appear twice.
        if (seen.has(name)) {
          const field = name.slice(0, 64);
          done(validationError(`invalid request body: ${field} is repeated`, [{ field, message: 'is repeated' }]));
          return;
        }
        seen.add(name);
      }
      done(null, Object.fromEntries(entries));
    },
  );

  app.post(
    '/api/auth/oauth/token',
    { schema: { body: TokenBody, response: { 200: TokenResponse } } },
    async (request, reply) => {
      const { grant_type, scope, client_id, client_secret } = request.body;
      if (grant_type !== 'client_credentials') {
        return oauthProblem(request, reply, 400, 'unsupported_grant_type', 'only client_credentials is supported');
      }
      const header = request.headers.authorization;
      if (header !== undefined && (client_id !== undefined || client_secret !== undefined)) {
        return oauthProblem(request, reply, 400, 'invalid_request', 'use one client authentication method');
      }
      const credentials =
        header !== undefined
          ? basicCredentials(header)
          : client_id !== undefined && client_secret !== undefined
            ? { id: client_id, secret: client_secret }
            : null;
      const result = credentials ? await clients.grant(credentials.id, credentials.secret, scope) : null;
      if (!result || (!result.ok && result.error === 'invalid_client')) {
        metrics.clientTokens.inc({ outcome: 'invalid_client' });
        return oauthProblem(request, reply, 401, 'invalid_client', 'client authentication failed');
      }
      if (!result.ok) {
        metrics.clientTokens.inc({ outcome: 'invalid_scope' });
        return oauthProblem(request, reply, 400, 'invalid_scope', 'a requested scope is not allowed for this client');
      }
      metrics.clientTokens.inc({ outcome: 'issued' });
      return reply.headers({ 'cache-control': 'no-store', pragma: 'no-cache' }).send({
        access_token: result.token.token,
        token_type: 'Bearer' as const,
        expires_in: result.token.expiresIn,
        scope: result.scope,
      });
    },
  );
};
