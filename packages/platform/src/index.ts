// The platform library every service uses. Each area appends its exports here.
export * from './bus/bus.ts';
export * from './context.ts';
export * from './errors.ts';
export * from './kv/kv.ts';
export * from './logging.ts';
export * from './messaging/inbox.sql.ts';
export * from './messaging/messaging.ts';
export * from './messaging/platform-migrations.ts';
export * from './service.ts';
export * from './sql/sql.ts';
export * from './topology.ts';
