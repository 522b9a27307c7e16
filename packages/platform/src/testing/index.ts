// `@techcorp/platform/testing`: harnesses for service tests (real or embedded adapters) and bounded polling.
export { createTestDatabase, type TestDatabase } from './databases.ts';
export {
  adminCaller,
  type Caller,
  customerCaller,
  gatewayHeaders,
  type InjectRequest,
  injectAs,
  injectJson,
  type JsonRequest,
  type JsonResponse,
} from './identity-headers.ts';
export { tapDeliveries } from './tapped-bus.ts';
export { createTestInfra, purgeRedisPrefix, type TestInfra, type TestInfraOptions } from './test-infra.ts';
export { type MintOptions, mintAccessToken, newSigningKey, type SigningKey, serveJwks } from './token-fixtures.ts';
export { type WaitForOptions, waitFor } from './wait-for.ts';
