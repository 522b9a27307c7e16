// Builds inventory's Fastify app: the platform's HTTP app plus the stock and reservation route plugins; no listen.
import {
  createHttpApp,
  type HttpApp,
  type Logger,
  type ServiceAuth,
  type ServiceMetrics,
  type Sql,
} from '@techcorp/platform';
import type { ReservationCommands } from './reservation/reservation.commands.ts';
import { reservationRoutes } from './reservation/reservation.routes.ts';
import type { AvailableCounters } from './stock/available-counters.ts';
import { stockRoutes } from './stock/stock.routes.ts';
import { stockRepublishRoutes } from './stock/stock-republish.ts';

export interface AppDeps {
  logger: Logger;
  sql: Sql;
  auth: ServiceAuth;
  metrics: ServiceMetrics;
  commands: ReservationCommands;
  counters: AvailableCounters;
  defaultTtlSeconds: number;
  afterCommit: () => void;
}

export async function buildApp(deps: AppDeps): Promise<HttpApp> {
  const { logger, sql, auth, metrics, commands, counters, defaultTtlSeconds, afterCommit } = deps;
  const app = createHttpApp({
    name: 'inventory',
    logger,
    metrics,
    readiness: async () => {
      await sql.query('SELECT 1');
    },
  });
  await app.register(stockRoutes, { sql, auth, counters, afterCommit });
  await app.register(stockRepublishRoutes, { sql, auth, afterCommit });
  await app.register(reservationRoutes, { sql, auth, commands, defaultTtlSeconds, afterCommit });
  return app;
}
