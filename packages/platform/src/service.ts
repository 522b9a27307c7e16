// What every service module exports, so the embedded runner and the standalone server start them alike.
import type { FastifyInstance } from 'fastify';
import type { Bus } from './bus/bus.ts';
import type { KeyValueStore } from './kv/kv.ts';
import type { Logger } from './logging.ts';
import type { Sql } from './sql/sql.ts';

/** Adapters handed to a service; which implementation they are (real or embedded) is not its concern. */
export interface ServiceDeps {
  logger: Logger;
  /** The service's own schema, already migrated. */
  sql: Sql;
  bus: Bus;
  kv: KeyValueStore;
  /** Base URLs of the HTTP services this one calls, by service name (e.g. catalog). */
  urls: Record<string, string>;
  /** Environment variables the service reads its own settings from. */
  env: Record<string, string | undefined>;
}

export interface ServiceHandle {
  readonly name: string;
  /** The Fastify app with every route registered; not listening yet. */
  readonly app: FastifyInstance;
  /** Starts background work: consumers, outbox relay, sweepers. */
  start(): Promise<void>;
  /** Stops background work and closes the app; adapters are closed by whoever opened them. */
  stop(): Promise<void>;
}

/** A service as the runners see it: its name, port, migrations and factory. */
export interface ServiceModule {
  readonly name: string;
  readonly defaultPort: number;
  /** Folder of numbered `NNN_name.sql` migrations creating the service's schema objects. */
  readonly migrationsDir: URL;
  create(deps: ServiceDeps): Promise<ServiceHandle>;
}
