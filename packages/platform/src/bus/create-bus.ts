// Chooses the bus adapter from configuration: RabbitMQ for real infrastructure, the in-process bus when embedded.
import type { Logger } from '../logging.ts';
import type { Bus, BusConfig } from './bus.ts';
import { openSharedMemoryBus } from './memory-bus.ts';
import { RabbitMqBus } from './rabbitmq-bus.ts';

/**
 * Opens a bus. Memory buses with the same queuePrefix share one in-process broker (the analogue of one exchange),
 * so embedded services that each open their own bus still reach each other.
 */
export async function createBus(config: BusConfig, logger: Logger): Promise<Bus> {
  if (config.kind === 'memory') {
    return openSharedMemoryBus({ logger, ...(config.queuePrefix ? { queuePrefix: config.queuePrefix } : {}) });
  }
  return RabbitMqBus.connect({
    url: config.url,
    logger,
    ...(config.exchange ? { exchange: config.exchange } : {}),
    ...(config.queuePrefix ? { queuePrefix: config.queuePrefix } : {}),
  });
}
