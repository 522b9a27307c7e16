// A service's own access token (OAuth 2.0 client credentials, RFC 6749 §4.4), fetched from auth and reused until
// shortly before it expires; concurrent callers share one fetch.

export interface ClientCredentialsOptions {
  /** auth's token endpoint, e.g. http://auth:8085/api/auth/oauth/token (or a function resolving it at first use). */
  tokenUrl: string | (() => string);
  clientId: string;
  clientSecret: string;
  scope?: string;
  /** Renew this many seconds before expiry. Default 30. */
  renewBeforeSeconds?: number;
  fetch?: typeof fetch;
}

export interface TokenSource {
  accessToken(): Promise<string>;
  /** Forgets the cached token (after a 401, say), so the next call fetches a new one. */
  invalidate(): void;
}

export function clientCredentials(options: ClientCredentialsOptions): TokenSource {
  const doFetch = options.fetch ?? fetch;
  const renewBeforeMs = (options.renewBeforeSeconds ?? 30) * 1000;
  let cached: { token: string; renewAt: number } | null = null;
  let inflight: Promise<string> | null = null;

  const fetchToken = async (): Promise<string> => {
    const url = typeof options.tokenUrl === 'function' ? options.tokenUrl() : options.tokenUrl;
    const body = new URLSearchParams({ grant_type: 'client_credentials' });
    if (options.scope) body.set('scope', options.scope);
    const basic = Buffer.from(
      `${encodeURIComponent(options.clientId)}:${encodeURIComponent(options.clientSecret)}`,
    ).toString('base64');
    const response = await doFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${basic}` },
      body,
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) throw new Error(`client credentials for ${options.clientId} refused: HTTP ${response.status}`);
    const json = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
    if (typeof json.access_token !== 'string' || typeof json.expires_in !== 'number') {
      throw new Error('token endpoint answered without access_token/expires_in');
    }
    cached = { token: json.access_token, renewAt: Date.now() + json.expires_in * 1000 - renewBeforeMs };
    return json.access_token;
  };

  return {
    async accessToken() {
      if (cached && Date.now() < cached.renewAt) return cached.token;
      inflight ??= fetchToken().finally(() => {
        inflight = null;
      });
      return inflight;
    },
    invalidate() {
      cached = null;
    },
  };
}

/** The service's client from SERVICE_CLIENT_ID / SERVICE_CLIENT_SECRET, or null when it has none configured. */
export function clientCredentialsFromEnv(
  env: Record<string, string | undefined>,
  tokenUrl: string | (() => string),
): TokenSource | null {
  const clientId = env.SERVICE_CLIENT_ID?.trim();
  const clientSecret = env.SERVICE_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) return null;
  return clientCredentials({ tokenUrl, clientId, clientSecret });
}
