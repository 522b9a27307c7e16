// Messages auth publishes about accounts (seed 002 step 8: UserRegistered; users and notifications listen).
import { Type } from '@sinclair/typebox';
import { Uuid } from './common.ts';
import { defineEvent } from './envelope.ts';

export const UserRegistered = defineEvent(
  'user.registered',
  Type.Object({
    userId: Uuid,
    email: Type.String({ format: 'email', maxLength: 254 }),
    name: Type.String({ minLength: 1, maxLength: 120 }),
    registeredAt: Type.String({ format: 'date-time' }),
  }),
);
