// The message envelope every event and command travels in (DESIGN.md "Messages").
import { type Static, type TSchema, Type } from '@sinclair/typebox';

export const EnvelopeSchema = Type.Object({
  id: Type.String({ format: 'uuid' }),
  type: Type.String({ pattern: '^[a-z][a-z_]*(\\.[a-z][a-z_]*)+$' }),
  version: Type.Integer({ minimum: 1 }),
  occurredAt: Type.String({ format: 'date-time' }),
  aggregateId: Type.String({ minLength: 1 }),
  correlationId: Type.String({ minLength: 1 }),
  causationId: Type.Union([Type.String(), Type.Null()]),
  traceparent: Type.Union([Type.String(), Type.Null()]),
  data: Type.Unknown(),
});

export type Envelope<T = unknown> = Omit<Static<typeof EnvelopeSchema>, 'data'> & { data: T };

/** A message definition: its dotted type, schema version and payload schema. */
export interface MessageDefinition<S extends TSchema = TSchema> {
  readonly type: string;
  readonly version: number;
  readonly kind: 'event' | 'command';
  readonly schema: S;
}

export function defineEvent<S extends TSchema>(type: string, schema: S, version = 1): MessageDefinition<S> {
  return { type, version, kind: 'event', schema };
}

export function defineCommand<S extends TSchema>(type: string, schema: S, version = 1): MessageDefinition<S> {
  return { type, version, kind: 'command', schema };
}
