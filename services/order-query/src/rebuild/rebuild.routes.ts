// Admin API of the read-model rebuild: start one (202, runs in the background) and watch its progress.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type ServiceAuth, validationError } from '@techcorp/platform';
import { RebuildStatusView } from '../queries/order-query.schemas.ts';
import type { RebuildRunner } from './rebuild.runner.ts';

export interface RebuildRoutesOptions {
  rebuild: RebuildRunner;
  auth: ServiceAuth;
}

const PATH = '/api/orders/read-model/rebuild';

/** No body, or an empty JSON object: anything else is a client mistake worth reporting. */
const emptyBody = (body: unknown) =>
  body === undefined ||
  (typeof body === 'object' && body !== null && !Array.isArray(body) && Object.keys(body).length === 0);

export const rebuildRoutes: FastifyPluginAsyncTypebox<RebuildRoutesOptions> = async (app, { rebuild, auth }) => {
  // onRequest: strangers are turned away before anything else runs.
  app.addHook('onRequest', auth.admin);

  app.post(PATH, { schema: { response: { 202: RebuildStatusView } } }, async (request, reply) => {
    if (!emptyBody(request.body))
      throw validationError('a rebuild takes no parameters', [{ field: 'body', message: 'must be empty or {}' }]);
    const status = await rebuild.start();
    reply.header('location', PATH);
    return reply.code(202).send(status);
  });

  app.get(PATH, { schema: { response: { 200: RebuildStatusView } } }, async () => rebuild.status());
};
