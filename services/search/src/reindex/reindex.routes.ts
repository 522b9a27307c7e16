// Admin API of the full reindex: start one (202, runs in the background) and watch its progress.
import { type FastifyPluginAsyncTypebox, Type } from '@fastify/type-provider-typebox';
import { type ServiceAuth, validationError } from '@techcorp/platform';
import type { ReindexRunner } from './reindex.runner.ts';

export interface ReindexRoutesOptions {
  reindex: ReindexRunner;
  auth: ServiceAuth;
}

const PATH = '/api/search/reindex';

export const ReindexStatusView = Type.Object({
  state: Type.Enum(['idle', 'running', 'failed', 'done']),
  processed: Type.Integer(),
  started_at: Type.Union([Type.String(), Type.Null()]),
  finished_at: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

const NoQuery = Type.Object({}, { additionalProperties: false });

/** No body, or an empty JSON object: anything else is a client mistake worth reporting. */
const emptyBody = (body: unknown) =>
  body === undefined ||
  body === null ||
  (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0);

export const reindexRoutes: FastifyPluginAsyncTypebox<ReindexRoutesOptions> = async (app, { reindex, auth }) => {
  // onRequest: strangers are turned away before their body is read.
  app.addHook('onRequest', auth.admin);

  app.post(PATH, { schema: { querystring: NoQuery, response: { 202: ReindexStatusView } } }, async (request, reply) => {
    if (!emptyBody(request.body))
      throw validationError('a reindex takes no parameters', [{ field: 'body', message: 'must be empty or {}' }]);
    const status = await reindex.start();
    reply.header('location', PATH);
    return reply.code(202).send(status);
  });

  app.get(PATH, { schema: { querystring: NoQuery, response: { 200: ReindexStatusView } } }, async () =>
    reindex.status(),
  );
};
