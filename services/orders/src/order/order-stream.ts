// Loads an order from its events and applies decider commands to it (append with optimistic versioning).
import type { SqlExecutor } from '@techcorp/platform';
import { appendOrderEvents, loadOrderEvents } from './event-store.sql.ts';
import { decide, evolve, initialState, type OrderCommand, type OrderState } from './order.decider.ts';
import type { OrderEvent } from './order.events.ts';

export interface LoadedOrder {
  state: OrderState;
  version: number;
}

export async function loadOrder(db: SqlExecutor, orderId: string, asOf?: Date): Promise<LoadedOrder> {
  const stored = await loadOrderEvents(db, orderId, asOf);
  return {
    state: stored.reduce((state, s) => evolve(state, s.event), initialState()),
    version: stored.at(-1)?.version ?? 0,
  };
}

/** One appended event with the order as it stood right after it. */
export interface AppliedEvent {
  event: OrderEvent;
  state: OrderState;
  version: number;
}

export interface Applied extends LoadedOrder {
  events: OrderEvent[];
  steps: AppliedEvent[];
}

/** Decides each command against the state the previous ones produced, then appends all events at once. */
export async function applyOrderCommands(
  tx: SqlExecutor,
  orderId: string,
  loaded: LoadedOrder,
  commands: readonly OrderCommand[],
  meta: { correlationId: string | null; causationId: string | null },
): Promise<Applied> {
  let state = loaded.state;
  const steps: AppliedEvent[] = [];
  for (const command of commands) {
    for (const event of decide(command, state)) {
      state = evolve(state, event);
      steps.push({ event, state, version: loaded.version + steps.length + 1 });
    }
  }
  const events = steps.map((s) => s.event);
  const version = events.length ? await appendOrderEvents(tx, orderId, loaded.version, events, meta) : loaded.version;
  return { state, version, events, steps };
}
