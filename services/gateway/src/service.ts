// The package entry (package.json "exports"): the gateway is not a ServiceModule, so this only re-exports it.
export { createGateway, GATEWAY_PORT, type GatewayDeps, type GatewayHandle } from './gateway.ts';
