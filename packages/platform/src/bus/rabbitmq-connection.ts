// One AMQP connection that heals itself: on loss it reconnects with capped exponential backoff and lets the owner
// redeclare topology and resume consumers before the new session is handed out.
import { type ChannelModel, type ConfirmChannel, connect } from 'amqplib';
import type { Logger } from '../logging.ts';
import { errorText } from './delivery.ts';

export interface Session {
  model: ChannelModel;
  /** Shared confirm channel for publishing (also retries and dead-letters). */
  publisher: ConfirmChannel;
}

export interface RabbitMqConnectionOptions {
  url: string;
  /** Shown by the broker (rabbitmqctl list_connections name / the management UI). */
  connectionName: string;
  logger: Logger;
  /** Runs after every (re)connect, before the session is used; throwing drops the connection and tries again. */
  onSession(session: Session): Promise<void>;
  maxBackoffMs?: number;
}

export class RabbitMqConnection {
  readonly #options: RabbitMqConnectionOptions;
  #session: Session | null = null;
  #started = false;
  #closing = false;
  #connecting = false;
  #failures = 0;
  #timer: NodeJS.Timeout | undefined;

  constructor(options: RabbitMqConnectionOptions) {
    this.#options = options;
  }

  /** The live session, or null during an outage. */
  get session(): Session | null {
    return this.#session;
  }

  /** First connection; fails (no retry) so a service refuses to start against a missing broker. */
  async open(): Promise<void> {
    await this.#connect();
    this.#started = true;
  }

  async close(): Promise<void> {
    this.#closing = true;
    clearTimeout(this.#timer);
    const session = this.#session;
    this.#session = null;
    await session?.model.close().catch(() => {});
  }

  /** Forces a reconnect (used when a channel the session depends on died while the connection lives). */
  drop(session: Session): void {
    if (this.#session !== session) return;
    session.model.close().catch(() => {});
  }

  async #connect(): Promise<void> {
    const { url, connectionName, logger } = this.#options;
    // noDelay: without it each publish after an ack waits ~40 ms for the broker's delayed ACK (Nagle), per saga hop.
    const model = await connect(url, { noDelay: true, clientProperties: { connection_name: connectionName } });
    let alive = true;
    model.on('error', (error: Error) => logger.warn({ error: errorText(error) }, 'RabbitMQ connection error'));
    model.on('close', () => {
      alive = false;
      this.#lost(model);
    });
    try {
      const publisher = await model.createConfirmChannel();
      const session: Session = { model, publisher };
      publisher.on('error', (error: Error) =>
        logger.warn({ error: errorText(error) }, 'RabbitMQ publish channel error'),
      );
      publisher.on('close', () => this.drop(session));
      await this.#options.onSession(session);
      if (!alive) throw new Error('connection closed while resuming');
      this.#session = session;
      this.#failures = 0;
    } catch (error) {
      await model.close().catch(() => {});
      throw error;
    }
  }

  #lost(model: ChannelModel): void {
    if (this.#session?.model !== model) return;
    this.#session = null;
    if (this.#closing || !this.#started) return;
    this.#options.logger.warn('RabbitMQ connection lost; reconnecting');
    this.#scheduleReconnect();
  }

  #scheduleReconnect(): void {
    if (this.#closing || this.#timer || this.#connecting) return;
    const cap = this.#options.maxBackoffMs ?? 5000;
    const base = Math.min(cap, 100 * 2 ** this.#failures);
    const delay = Math.round(base * (0.8 + Math.random() * 0.2));
    this.#failures++;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#reconnect();
    }, delay);
  }

  async #reconnect(): Promise<void> {
    if (this.#closing) return;
    this.#connecting = true;
    try {
      await this.#connect();
      this.#options.logger.info('RabbitMQ reconnected; consumers resumed');
    } catch (error) {
      this.#options.logger.warn({ error: errorText(error), failures: this.#failures }, 'RabbitMQ reconnect failed');
    } finally {
      this.#connecting = false;
    }
    if (this.#closing) await this.close();
    else if (!this.#session) this.#scheduleReconnect();
  }
}
