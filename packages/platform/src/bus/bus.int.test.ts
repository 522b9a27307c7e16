// Runs the Bus contract against RabbitMQ (unique exchange and queue prefix per test) and the in-process bus.
import { randomUUID } from 'node:crypto';
import { connect } from 'amqplib';
import { createLogger } from '../logging.ts';
import { type BusHarness, busContract } from './bus.contract.ts';
import type { Bus } from './bus.ts';
import { createMemoryBus, MemoryBroker } from './memory-bus.ts';
import { RabbitMqBus } from './rabbitmq-bus.ts';
import { confirmedPublish } from './rabbitmq-publish.ts';

const url = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const logger = createLogger('bus-test', process.env.TEST_LOG_LEVEL ?? 'silent');

async function rabbitHarness(): Promise<BusHarness> {
  const id = randomUUID().slice(0, 8);
  const exchange = `test-bus-${id}`;
  const queuePrefix = `test-bus-${id}.`;
  const buses: RabbitMqBus[] = [];
  const admin = await connect(url);
  const channel = await admin.createConfirmChannel();
  await channel.assertExchange(exchange, 'topic', { durable: true });
  return {
    async open(): Promise<Bus> {
      const bus = await RabbitMqBus.connect({ url, logger, exchange, queuePrefix, connectionName: `test-${id}` });
      buses.push(bus);
      return bus;
    },
    publishRaw: (routingKey, body) => confirmedPublish(channel, exchange, routingKey, Buffer.from(body), {}, 5000),
    async teardown() {
      await Promise.all(buses.map((bus) => bus.closeAndDeleteTopology()));
      await channel.deleteExchange(exchange);
      await admin.close();
    },
  };
}

async function memoryHarness(): Promise<BusHarness> {
  const broker = new MemoryBroker();
  const buses: Bus[] = [];
  return {
    async open(): Promise<Bus> {
      const bus = createMemoryBus({ broker, queuePrefix: 'test.', logger });
      buses.push(bus);
      return bus;
    },
    async publishRaw(routingKey, body) {
      broker.route(routingKey, body);
    },
    async teardown() {
      await Promise.all(buses.map((bus) => bus.close()));
      broker.dispose();
    },
  };
}

busContract('RabbitMQ', rabbitHarness);
busContract('memory', memoryHarness);
