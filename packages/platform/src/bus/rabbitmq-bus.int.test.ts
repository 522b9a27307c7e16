// RabbitMQ-only behaviour: healing after the broker drops the connection, and failing fast when it is unreachable.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { waitFor } from '../testing/wait-for.ts';
import { recorder, testMessage } from './bus.fixtures.ts';
import { RabbitMqBus } from './rabbitmq-bus.ts';

const url = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const rabbitmqctl = process.env.RABBITMQCTL ?? 'rabbitmqctl';
const run = promisify(execFile);

/** Closes, from the broker's side, only the connection with this name (other test files share the broker). */
async function closeConnectionNamed(name: string): Promise<void> {
  let pid: string | undefined;
  await waitFor(
    async () => {
      // The name set by the client lives in client_properties (the `name` column is the peer address).
      const args = ['list_connections', '-q', '--no-table-headers', 'pid', 'client_properties'];
      const { stdout } = await run(rabbitmqctl, args);
      pid = stdout
        .split('\n')
        .find((line) => line.includes(`{"connection_name","${name}"}`))
        ?.split('\t')[0];
      return pid !== undefined;
    },
    { description: `connection ${name} listed by rabbitmqctl` },
  );
  await run(rabbitmqctl, ['close_connection', pid!, 'test: simulated connection loss']);
}

describe('RabbitMqBus', () => {
  let bus: RabbitMqBus | undefined;
  afterEach(async () => bus?.closeAndDeleteTopology());

  it('reconnects after the broker closes its connection, resuming consumers and publishing', async () => {
    const id = randomUUID().slice(0, 8);
    const connectionName = `test-reconnect-${id}`;
    const lines: string[] = [];
    let outagePublish: Promise<unknown> | undefined;
    const logger = pino(
      { level: 'info' },
      {
        write(line: string) {
          lines.push(line);
          // Called synchronously as the loss is noticed: a publish now must fail fast, not hang.
          if (line.includes('connection lost') && bus)
            outagePublish = bus.publish(testMessage('inventory.reserve')).catch((error: unknown) => error);
        },
      },
    );
    bus = await RabbitMqBus.connect({
      url,
      logger,
      exchange: `test-${id}`,
      queuePrefix: `test-${id}.`,
      connectionName,
    });
    const handler = recorder();
    await bus.subscribe({ queue: 'resume', routingKeys: ['inventory.reserve'], retryDelaysMs: [50] }, handler.handler);
    const before = testMessage('inventory.reserve');
    await bus.publish(before);
    await waitFor(() => handler.has(before.id));

    await closeConnectionNamed(connectionName);
    await waitFor(() => outagePublish !== undefined, { description: 'connection loss noticed' });
    expect(await outagePublish).toEqual(new Error('RabbitMQ connection is down'));

    const after = testMessage('inventory.reserve');
    await waitFor(
      async () => {
        await bus!.publish(after);
        return true;
      },
      { description: 'publishing works again' },
    );
    await waitFor(() => handler.has(after.id), { description: 'resumed consumer receives' });
    expect(lines.some((line) => line.includes('reconnected'))).toBe(true);
  });

  it('dead-letters a message whose consumers keep dying before they settle it', async () => {
    const id = randomUUID().slice(0, 8);
    const logger = pino({ level: 'silent' });
    bus = await RabbitMqBus.connect({ url, logger, exchange: `test-${id}`, queuePrefix: `test-${id}.` });
    const declaring = await bus.subscribe({ queue: 'poison', routingKeys: ['inventory.reserve'] }, async () => {});
    await declaring.close();
    const message = testMessage('inventory.reserve');
    await bus.publish(message);
    // A consumer that never settles but hands the message back each time, as a crashing process would.
    const raw = await connect(url);
    try {
      const channel = await raw.createChannel();
      await channel.consume(`test-${id}.poison`, (delivery) => delivery && channel.nack(delivery, false, true));
      await waitFor(async () => (await bus!.deadLetters('poison')).length === 1, { description: 'poison in DLQ' });
    } finally {
      await raw.close();
    }
    const [letter] = await bus.deadLetters('poison');
    expect(letter).toMatchObject({ envelope: message, attempts: 1 });
    expect(letter!.error).toMatch(/redelivered too often/);
  });

  it('refuses to start when the broker is unreachable', async () => {
    const logger = pino({ level: 'silent' });
    await expect(RabbitMqBus.connect({ url: 'amqp://guest:guest@127.0.0.1:1', logger })).rejects.toThrow();
  });
});
