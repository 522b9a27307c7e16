// Shared HTTP value schemas (snake_case JSON) and the problem responses that carry more than the platform's errors.
import { type Static, Type } from '@sinclair/typebox';
import { MAX_LINE_QUANTITY } from '@techcorp/contracts';
import { CanonicalUuid, type Problem, problemType, sendProblem } from '@techcorp/platform';
import type { FastifyReply, FastifyRequest } from 'fastify';

export const Uuid = CanonicalUuid;
export const WarehouseId = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,62}$', maxLength: 63 });
export const Quantity = Type.Integer({ minimum: 1, maximum: MAX_LINE_QUANTITY });

export const ReservedLineView = Type.Object({
  product_id: Type.String(),
  warehouse_id: Type.String(),
  quantity: Type.Integer(),
});
export const ShortageView = Type.Object({
  product_id: Type.String(),
  requested: Type.Integer(),
  available: Type.Integer(),
});
export type ShortageView = Static<typeof ShortageView>;

export const ProductIdParams = Type.Object({ productId: Uuid });

export interface ProblemInput {
  status: number;
  code: string;
  detail: string;
  extra?: Record<string, unknown>;
}

/** A problem+json response with extension members (RFC 9457 §3.2), e.g. the shortages of a failed reservation. */
export function replyProblem(request: FastifyRequest, reply: FastifyReply, input: ProblemInput): FastifyReply {
  const base: Problem = {
    type: problemType(input.code),
    title: input.status === 404 ? 'Not Found' : 'Conflict',
    status: input.status,
    detail: input.detail,
    instance: (request.url.split('?')[0] ?? '/').slice(0, 200),
  };
  return sendProblem(reply, { ...base, ...input.extra });
}
