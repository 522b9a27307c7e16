// Public contracts: message envelope, every message schema, shared value schemas.
export * from './catalog.messages.ts';
export * from './common.ts';
export * from './envelope.ts';
export * from './inventory.messages.ts';
export * from './order.messages.ts';
export * from './payment.messages.ts';
export * from './registry.ts';
export * from './user.messages.ts';
