// Identity across the platform: gateway-signed request context, access-token verification, service guards.
export * from './access-token-verifier.ts';
export * from './client-credentials.ts';
export * from './identity.ts';
export * from './service-auth.ts';
export * from './signed-context.ts';
