// HTTP for the change history: the caller's own, and any user's for admins; keyset pages, newest first.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Sql } from '@techcorp/platform';
import { ownUserId } from '../http/caller.ts';
import { UserIdParams } from '../http/schemas.ts';
import type { ProfileRouteDeps } from '../profile/profile.routes.ts';
import { HistoryPage, HistoryQuery } from './history.schemas.ts';
import { type HistoryRecord, historySql } from './history.sql.ts';

const DEFAULT_LIMIT = 20;

function historyItem(r: HistoryRecord) {
  return {
    id: r.id,
    entity: r.entity,
    entity_id: r.entityId,
    action: r.action,
    changed_by: r.changedBy,
    changed_at: r.changedAt.toISOString(),
    correlation_id: r.correlationId,
    changes: r.changes,
  };
}

async function historyPage(sql: Sql, userId: string, query: { limit?: number; before?: string }) {
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await historySql(sql).page(userId, { limit, before: query.before?.toLowerCase() ?? null });
  return {
    items: rows.map(historyItem),
    next_before: rows.length === limit ? (rows[rows.length - 1]?.id ?? null) : null,
  };
}

export const historyRoutes: FastifyPluginAsyncTypebox<ProfileRouteDeps> = async (app, { sql, auth }) => {
  app.get(
    '/api/users/me/history',
    { onRequest: auth.authenticated, schema: { querystring: HistoryQuery, response: { 200: HistoryPage } } },
    async (request) => historyPage(sql, ownUserId(auth, request), request.query),
  );

  app.get(
    '/api/users/:userId/history',
    {
      onRequest: auth.admin,
      schema: { params: UserIdParams, querystring: HistoryQuery, response: { 200: HistoryPage } },
    },
    async (request) => historyPage(sql, request.params.userId.toLowerCase(), request.query),
  );
};
