// Messages catalog publishes (seed 001: product.updated with the changed fields).
import { Type } from '@sinclair/typebox';
import { Uuid } from './common.ts';
import { defineEvent } from './envelope.ts';

export const ProductUpdated = defineEvent(
  'product.updated',
  Type.Object({ productId: Uuid, changes: Type.Array(Type.String()), updatedAt: Type.String({ format: 'date-time' }) }),
);
