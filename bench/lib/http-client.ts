// A lean keep-alive JSON client on node:http (cheaper per request than fetch on a 2-core box), with a hard timeout.
import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface JsonResponse {
  status: number;
  // biome-ignore lint/suspicious/noExplicitAny: benchmark code reads response bodies loosely
  body: any;
  /** Milliseconds from sending to the last byte of the answer. */
  ms: number;
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

/** Thrown for failures without an HTTP answer; `kind` names them in the error table (timeout, ECONNRESET, ...). */
export class NetworkError extends Error {
  readonly kind: string;
  constructor(kind: string, message: string) {
    super(message);
    this.kind = kind;
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 512, maxFreeSockets: 256 });

export function closeHttpClient(): void {
  agent.destroy();
}

export function httpJson(url: string, options: RequestOptions = {}): Promise<JsonResponse> {
  const started = performance.now();
  const payload = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (payload) {
    headers['content-type'] = 'application/json';
    headers['content-length'] = String(payload.length);
  }
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? (payload ? 'POST' : 'GET'), headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', (error: NodeJS.ErrnoException) =>
        reject(new NetworkError(error.code ?? 'response', error.message)),
      );
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: unknown = text;
        try {
          body = text ? JSON.parse(text) : null;
        } catch {
          // not JSON: keep the text
        }
        resolve({ status: res.statusCode ?? 0, body, ms: performance.now() - started });
      });
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () =>
      req.destroy(new NetworkError('timeout', `no answer from ${url}`)),
    );
    req.on('error', (error: NodeJS.ErrnoException) =>
      reject(error instanceof NetworkError ? error : new NetworkError(error.code ?? 'network', error.message)),
    );
    req.end(payload);
  });
}

/** The error-table key of a failure: `network:<code>` for thrown errors, `http:<status>` is added by callers. */
export function failureKind(error: unknown): string {
  return error instanceof NetworkError ? `network:${error.kind}` : `client:${(error as Error)?.message ?? error}`;
}
