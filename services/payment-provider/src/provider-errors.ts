// Stripe-shaped error bodies ({ error: { type, code, message, param } }) and the shared Idempotency-Key header schema.
import { Type } from '@fastify/type-provider-typebox';

export const IdempotencyHeaders = Type.Object({ 'idempotency-key': Type.String({ minLength: 1, maxLength: 255 }) });

export interface ProviderErrorBody {
  error: { type: string; code?: string; message: string; param?: string };
}

export const apiError = (code: string, message: string): ProviderErrorBody => ({
  error: { type: 'api_error', code, message },
});

export const invalidRequest = (code: string, message: string, param?: string): ProviderErrorBody => ({
  error: { type: 'invalid_request_error', code, message, ...(param ? { param } : {}) },
});

export const notFoundError = (resource: string): ProviderErrorBody =>
  invalidRequest('resource_missing', `No such ${resource}.`);

export const idempotencyMismatch = (): ProviderErrorBody => ({
  error: {
    type: 'idempotency_error',
    message: 'Keys for idempotent requests can only be used with the same parameters they were first used with.',
  },
});
