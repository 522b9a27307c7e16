// Consumes inventory.stock_changed (seed 002's StockUpdated): in_stock follows available > 0, announced on a flip.
import type { Envelope } from '@techcorp/contracts';
import { type Counter, enqueueOutbox, type Logger, type TransactionalHandler } from '@techcorp/platform';
import { productUpdated } from '../product/product.events.ts';
import { decideStock } from './stock.policy.ts';
import type { StockRepository } from './stock.sql.ts';

export const STOCK_QUEUE = 'catalog.stock-events';

/** The contract's InventoryStockChanged data; startConsumer has validated it before the handler runs. */
interface StockChanged {
  productId: string;
  available: number;
  onHand: number;
  reserved: number;
}

export interface StockHandlersDeps {
  stock: StockRepository;
  logger: Logger;
  /** stock events by outcome: unknown, stale, unchanged, flipped. */
  events: Counter;
}

/** Runs inside the consumer's transaction (inbox claim, effect and outbox commit together). */
export function stockHandlers({ stock, logger, events }: StockHandlersDeps): Record<string, TransactionalHandler> {
  return {
    'inventory.stock_changed': async (tx, message: Envelope) => {
      const { productId, available } = message.data as StockChanged;
      const locked = await stock.lock(tx, productId, message.occurredAt);
      const outcome = decideStock(locked && { inStock: locked.product.inStock, stale: locked.stale }, available);
      if (outcome === 'unchanged') await stock.touch(tx, productId, message.occurredAt);
      if (outcome === 'flipped') {
        const product = await stock.flip(tx, productId, available > 0, message.occurredAt);
        await enqueueOutbox(tx, [productUpdated(product, ['inStock'])]);
      }
      if (outcome === 'unknown' || outcome === 'stale')
        logger.debug({ productId, messageId: message.id, outcome }, 'stock event ignored');
      events.inc({ outcome });
    },
  };
}
