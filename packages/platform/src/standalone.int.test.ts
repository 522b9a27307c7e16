// The standalone runner on real servers: wiring, listening, graceful shutdown, and signals in a child process.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpApp } from './http/create-http-app.ts';
import { createLogger } from './logging.ts';
import type { ServiceDeps, ServiceModule } from './service.ts';
import { startStandalone } from './standalone.ts';
import { createTestDatabase, type TestDatabase } from './testing/databases.ts';
import { purgeRedisPrefix } from './testing/test-infra.ts';
import { waitFor } from './testing/wait-for.ts';

const rabbitUrl = process.env.TEST_RABBITMQ_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const logger = createLogger('standalone-test', process.env.TEST_LOG_LEVEL ?? 'silent');

let database: TestDatabase;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase();
  dir = await mkdtemp(join(tmpdir(), 'standalone-test-'));
  await mkdir(join(dir, 'migrations'));
  await writeFile(join(dir, 'migrations', '001_init.sql'), 'CREATE TABLE probe (id INT PRIMARY KEY);');
});
afterAll(async () => {
  await database?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function probeModule(name: string, events: string[], captured: { deps?: ServiceDeps }): ServiceModule {
  return {
    name,
    defaultPort: 0,
    migrationsDir: pathToFileURL(join(dir, 'migrations/')),
    async create(deps) {
      captured.deps = deps;
      const app = createHttpApp({ name, logger: deps.logger });
      return {
        name,
        app,
        start: async () => void events.push('start'),
        stop: async () => {
          events.push('stop');
          await app.close();
        },
      };
    },
  };
}

describe('startStandalone', () => {
  it('wires migrated sql, bus, unprefixed kv and every service url, listens, and shuts down in order', async () => {
    const name = `probe-${randomBytes(4).toString('hex')}`;
    const events: string[] = [];
    const captured: { deps?: ServiceDeps } = {};
    const env = {
      DATABASE_URL: database.url,
      RABBITMQ_URL: rabbitUrl,
      REDIS_URL: redisUrl,
      PORT: '0',
      CATALOG_URL: 'http://catalog.internal:80',
    };
    const server = await startStandalone(probeModule(name, events, captured), env, logger);
    try {
      expect(events).toEqual(['start']);
      const live = await fetch(`${server.url}/health/live`);
      expect(live.status).toBe(200);
      const deps = captured.deps!;
      expect(deps.sql.schema).toBe(name.replace('-', '_'));
      expect((await deps.sql.query('SELECT count(*)::int AS n FROM probe')).rows).toEqual([{ n: 0 }]);
      expect(deps.urls.catalog).toBe('http://catalog.internal:80');
      expect(deps.urls['order-query']).toBe('http://127.0.0.1:8084');
      expect(Object.keys(deps.urls)).toHaveLength(13);
      await deps.kv.set(`${name}:k`, 'v');
      const redis = new Redis(redisUrl);
      expect(await redis.get(`${name}:k`)).toBe('v');
      await redis.quit();
    } finally {
      await server.shutdown();
      await purgeRedisPrefix(redisUrl, `${name}:`);
    }
    expect(events).toEqual(['start', 'stop']);
    await expect(fetch(`${server.url}/health/live`)).rejects.toThrow();
    await expect(captured.deps!.kv.get(`${name}:k`)).rejects.toThrow();
  });

  it('refuses to start on a bad PORT, naming it', async () => {
    const captured: { deps?: ServiceDeps } = {};
    await expect(startStandalone(probeModule('bad', [], captured), { PORT: 'http' }, logger)).rejects.toThrow(/PORT/);
    expect(captured.deps).toBeUndefined();
  });
});

describe('runStandalone in its own process', () => {
  const childScript = (hangOnStop: boolean) => `
    import { runStandalone } from ${JSON.stringify(new URL('./standalone.ts', import.meta.url).href)};
    import { createHttpApp } from ${JSON.stringify(new URL('./http/create-http-app.ts', import.meta.url).href)};
    await runStandalone({
      name: 'sigprobe',
      defaultPort: 0,
      migrationsDir: new URL(${JSON.stringify(pathToFileURL(join(dir ?? '', 'migrations/')).href)}),
      async create(deps) {
        const app = createHttpApp({ name: 'sigprobe', logger: deps.logger });
        return { name: 'sigprobe', app, async start() {}, async stop() {
          deps.logger.info('handle stopped');
          ${hangOnStop ? 'await new Promise(() => {});' : 'await app.close();'}
        } };
      },
    });`;

  async function runChild(hangOnStop: boolean, signals: NodeJS.Signals[]) {
    const script = join(dir, `child-${hangOnStop}.mts`);
    await writeFile(script, childScript(hangOnStop));
    const child = spawn(process.execPath, [script], {
      env: { ...process.env, DATABASE_URL: database.url, PORT: '0', LOG_LEVEL: 'info', DATA_DIR: dir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const lines: { msg?: string }[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line));
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await waitFor(() => lines.some((l) => l.msg === 'sigprobe listening') || child.exitCode !== null, {
      timeoutMs: 20_000,
      description: 'the child to listen',
    });
    expect(stderr).toBe('');
    for (const signal of signals) {
      child.kill(signal);
      await waitFor(() => lines.some((l) => l.msg === 'handle stopped'), { description: 'shutdown to begin' });
    }
    return { code: await exited, messages: lines.map((l) => l.msg) };
  }

  it('exits 0 after a graceful shutdown on SIGTERM', async () => {
    const { code, messages } = await runChild(false, ['SIGTERM']);
    expect(messages).toContain('handle stopped');
    expect(messages).toContain('shut down');
    expect(code).toBe(0);
  });

  it('exits 1 on a second signal while shutdown hangs', async () => {
    const { code, messages } = await runChild(true, ['SIGINT', 'SIGINT']);
    expect(messages).toContain('second signal: exiting now');
    expect(messages).not.toContain('shut down');
    expect(code).toBe(1);
  });
});
