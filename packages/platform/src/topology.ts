// Service names and default ports (DESIGN.md "Services and ports"); base URLs come from <NAME>_URL when set.

export const SERVICE_PORTS = {
  gateway: 8080,
  orders: 8081,
  payments: 8082,
  inventory: 8083,
  'order-query': 8084,
  auth: 8085,
  users: 8086,
  catalog: 8087,
  cart: 8088,
  search: 8089,
  notifications: 8090,
  reporting: 8091,
  'payment-provider': 8099,
} as const;

export type ServiceName = keyof typeof SERVICE_PORTS;

/** Base URL of a service: `${NAME}_URL` (e.g. CATALOG_URL, PAYMENT_PROVIDER_URL) or loopback on its default port. */
export function serviceUrl(name: ServiceName, env: Record<string, string | undefined> = process.env): string {
  const key = `${name.toUpperCase().replace(/-/g, '_')}_URL`;
  return env[key] ?? `http://127.0.0.1:${SERVICE_PORTS[name]}`;
}
