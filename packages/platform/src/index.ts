// The platform library every service uses. Each area appends its exports here.
export * from './auth/index.ts';
export * from './bus/bus.ts';
export { createBus } from './bus/create-bus.ts';
export {
  createMemoryBus,
  MemoryBroker,
  MemoryBus,
  type MemoryBusOptions,
  openSharedMemoryBus,
} from './bus/memory-bus.ts';
export { RabbitMqBus, type RabbitMqBusOptions } from './bus/rabbitmq-bus.ts';
export { anyTopicMatches, topicMatches } from './bus/topic-match.ts';
export * from './config.ts';
export * from './context.ts';
export * from './crash-point.ts';
export * from './errors.ts';
export * from './http/create-http-app.ts';
export {
  type DeadLetterRoutesOptions,
  deadLetterRoutes,
  type MountDeadLettersOptions,
  mountDeadLetters,
  registerDeadLetterDepthGauge,
} from './http/dead-letter.routes.ts';
export * from './http/id-schemas.ts';
export { PROBLEM_CONTENT_TYPE, type Problem, problemType, sendProblem, toProblem } from './http/problem.ts';
export { CORRELATION_HEADER } from './http/request-context.ts';
export * from './infra.ts';
export * from './jobs/leased-job.ts';
export * from './kv/answer-cache.ts';
export * from './kv/create-kv.ts';
export * from './kv/kv.ts';
export { createMemoryKv } from './kv/memory-kv.ts';
export { createRedisKv, type RedisKvOptions } from './kv/redis-kv.ts';
export * from './logging.ts';
export { type AfterCommit, createAfterCommit } from './messaging/after-commit.ts';
export { startConsumer } from './messaging/consumer.ts';
export {
  claimIdempotencyKey,
  hashRequest,
  type IdempotencyClaim,
  type IdempotencyKeyRef,
  type IdempotentResponse,
  saveIdempotentResponse,
} from './messaging/idempotency.sql.ts';
export * from './messaging/inbox.sql.ts';
export * from './messaging/messaging.ts';
export {
  enqueueOutbox,
  oldestPendingOutboxAgeSeconds,
  pendingOutboxCount,
  purgePublishedOutbox,
} from './messaging/outbox.sql.ts';
export { type OutboxRelayTuning, startOutboxRelay } from './messaging/outbox-relay.ts';
export * from './messaging/platform-migrations.ts';
export * from './metrics.ts';
export * from './service.ts';
export { createSql } from './sql/create-sql.ts';
export { loadMigrations, runMigrations } from './sql/migrate.ts';
export * from './sql/sql.ts';
export * from './standalone.ts';
export * from './timeout.ts';
export * from './topology.ts';
