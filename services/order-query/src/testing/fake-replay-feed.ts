// A stand-in for the orders service's admin replay feed: a tiny Fastify app on an ephemeral port serving envelopes
// a test built, paged by order id like the real one, with a gate that can hold a page back.
import type { Envelope } from '@techcorp/contracts';
import Fastify from 'fastify';

export interface FakeReplayFeed {
  url: string;
  /** The event store it serves: every event of every order (kept in version order per order). */
  add(...messages: Envelope[]): void;
  /** Hold back every page after the first `pages` until release(). */
  holdAfter(pages: number): void;
  release(): void;
  /** True while a page request is being held back. */
  readonly holding: boolean;
  /** Order ids served so far, in the order served. */
  readonly served: string[];
  /** Messages served so far, over all pages. */
  readonly messagesServed: number;
  /** Authorization headers received. */
  readonly authorizations: (string | undefined)[];
  /** Client credentials the fake token endpoint accepts, and the token it hands out for them. */
  readonly client: { id: string; secret: string; token: string };
  /** Make the next page requests answer 500. */
  failWith(status: number | null): void;
  close(): Promise<void>;
}

export async function startFakeReplayFeed(): Promise<FakeReplayFeed> {
  const store = new Map<string, Envelope[]>();
  const served: string[] = [];
  const authorizations: (string | undefined)[] = [];
  let pagesServed = 0;
  let messagesServed = 0;
  let holdAfter = Number.POSITIVE_INFINITY;
  let gate: { promise: Promise<void>; open: () => void } | null = null;
  let holding = false;
  let failure: number | null = null;

  const client = { id: 'order-query', secret: 'fake-client-secret-0123456789abcdef', token: 'fake-service-token' };
  const basic = `Basic ${Buffer.from(`${client.id}:${client.secret}`).toString('base64')}`;
  const app = Fastify();
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_r, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );
  // Stands in for auth's client-credentials endpoint (order-query fetches its SERVICE token here).
  app.post<{ Body: { grant_type?: string } }>('/api/auth/oauth/token', async (request, reply) => {
    if (request.headers.authorization !== basic || request.body?.grant_type !== 'client_credentials')
      return reply.code(401).send({ error: 'invalid_client' });
    return { access_token: client.token, token_type: 'Bearer', expires_in: 300 };
  });
  app.get<{ Querystring: { after?: string; limit?: string } }>('/api/orders/replay', async (request, reply) => {
    authorizations.push(request.headers.authorization);
    if (failure !== null) return reply.code(failure).send({ error: 'boom' });
    if (pagesServed >= holdAfter && gate) {
      holding = true;
      await gate.promise;
      holding = false;
    }
    const limit = Number(request.query.limit ?? 100);
    const after = request.query.after ?? '';
    const ids = [...store.keys()]
      .sort()
      .filter((id) => id > after)
      .slice(0, limit);
    pagesServed += 1;
    served.push(...ids);
    const messages = ids.flatMap((id) => store.get(id) ?? []);
    messagesServed += messages.length;
    return { messages, next_after: ids.length === limit ? ids.at(-1) : null };
  });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });

  return {
    url,
    client,
    add(...messages) {
      for (const m of messages) {
        const orderId = m.aggregateId;
        const events = [...(store.get(orderId) ?? []), m];
        const version = (e: Envelope) => (e.data as { snapshot: { version: number } }).snapshot.version;
        store.set(
          orderId,
          events.sort((a, b) => version(a) - version(b)),
        );
      }
    },
    holdAfter(pages) {
      holdAfter = pages;
      let open = () => {};
      const promise = new Promise<void>((resolve) => {
        open = resolve;
      });
      gate = { promise, open };
    },
    release() {
      gate?.open();
      gate = null;
      holdAfter = Number.POSITIVE_INFINITY;
    },
    get holding() {
      return holding;
    },
    get messagesServed() {
      return messagesServed;
    },
    served,
    authorizations,
    failWith(status) {
      failure = status;
    },
    async close() {
      gate?.open();
      await app.close();
    },
  };
}
