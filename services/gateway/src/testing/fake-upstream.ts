// A stand-in upstream for gateway tests: an HTTP server on port 0 echoing what it got, with health/failure/delay switches.
import type { IncomingHttpHeaders } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import Fastify from 'fastify';

export interface Received {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/** What the fake answers: the request as it arrived, and who answered. */
export interface Echo extends Received {
  upstream: string;
  instance: string;
}

export interface FakeUpstream {
  readonly name: string;
  readonly url: string;
  /** Every request except health checks, in arrival order. */
  readonly received: Received[];
  /** Health checks answered so far. */
  readonly healthChecks: number;
  /** /health/ready answers 200 when true, 503 when false. */
  healthy: boolean;
  /** Answer every other request with this status (a problem body) instead of the echo; null: echo. */
  failWith: number | null;
  /** Wait this long before answering a request (not a health check). */
  delayMs: number;
  close(): Promise<void>;
}

export async function startFakeUpstream(name: string): Promise<FakeUpstream> {
  const app = Fastify({ logger: false });
  const received: Received[] = [];
  let healthChecks = 0;
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  const state = {
    name,
    url: '',
    received,
    get healthChecks() {
      return healthChecks;
    },
    healthy: true,
    failWith: null as number | null,
    delayMs: 0,
    close: () => app.close(),
  };

  app.get('/health/ready', async (_request, reply) => {
    healthChecks++;
    return reply.code(state.healthy ? 200 : 503).send({ status: state.healthy ? 'ready' : 'not ready' });
  });
  app.route({
    method: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    url: '/*',
    handler: async (request, reply) => {
      const body = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      if (state.delayMs > 0) await sleep(state.delayMs);
      if (state.failWith !== null) {
        return reply
          .code(state.failWith)
          .header('content-type', 'application/problem+json')
          .send({ status: state.failWith, detail: `${name} is failing` });
      }
      const echo: Echo = {
        upstream: name,
        instance: state.url,
        method: request.method,
        url: request.url,
        headers: request.headers,
        body,
      };
      return reply.header('x-upstream', name).header('x-instance', state.url).send(echo);
    },
  });
  state.url = await app.listen({ host: '127.0.0.1', port: 0 });
  return state;
}
