// HTTP schemas of the change history: a keyset page, newest first.
import { Type } from '@sinclair/typebox';
import { Uuid } from '../http/schemas.ts';

export const HistoryQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    before: Type.Optional(Uuid),
  },
  { additionalProperties: false },
);

const HistoryItem = Type.Object({
  id: Type.String(),
  entity: Type.String(),
  entity_id: Type.String(),
  action: Type.String(),
  changed_by: Type.String(),
  changed_at: Type.String(),
  correlation_id: Type.Union([Type.String(), Type.Null()]),
  changes: Type.Record(Type.String(), Type.Object({ from: Type.Unknown(), to: Type.Unknown() })),
});

export const HistoryPage = Type.Object({
  items: Type.Array(HistoryItem),
  /** Pass as `before` for the next (older) page; null on the last page. */
  next_before: Type.Union([Type.String(), Type.Null()]),
});
