// AUTH_CLIENTS, pure: the OAuth clients allowed the client-credentials grant, validated without echoing secrets.
import { ConfigError, ROLES } from '@techcorp/platform';

export interface ClientConfig {
  id: string;
  secret: string;
  roles: string[];
  scopes: string[];
}

export const CLIENT_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const SCOPE = /^[A-Za-z0-9._:-]{1,64}$/;
const SECRET_MIN = 32;
const SECRET_MAX = 512;
const KNOWN_ROLES: readonly string[] = [ROLES.service, ROLES.admin];

const fail = (detail: string): never => {
  throw new ConfigError(`AUTH_CLIENTS ${detail}`);
};

const stringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((v) => typeof v === 'string');

function parseClient(value: unknown, index: number): ClientConfig {
  const at = `[${index}]`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(`${at} must be an object`);
  const { id, secret, roles, scopes, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest)[0];
  if (unknown !== undefined) fail(`${at} has an unknown field ${JSON.stringify(unknown.slice(0, 40))}`);
  if (typeof id !== 'string' || !CLIENT_ID.test(id)) fail(`${at}.id must match ${CLIENT_ID}`);
  const name = `${at} (${id as string})`;
  if (typeof secret !== 'string' || secret.length < SECRET_MIN || secret.length > SECRET_MAX) {
    fail(`${name}.secret must be ${SECRET_MIN} to ${SECRET_MAX} characters`);
  }
  // Services accept a bearer token only with SERVICE; a client without it would pass as a user at the gateway.
  if (!stringArray(roles) || !roles.includes(ROLES.service) || !roles.every((r) => KNOWN_ROLES.includes(r))) {
    fail(`${name}.roles must include SERVICE and may add ADMIN`);
  }
  const scopeList = scopes === undefined ? [] : scopes;
  if (!stringArray(scopeList) || !scopeList.every((s) => SCOPE.test(s))) {
    fail(`${name}.scopes must be an array of scope names matching ${SCOPE}`);
  }
  return {
    id: id as string,
    secret: secret as string,
    roles: [...new Set(roles as string[])],
    scopes: [...new Set(scopeList as string[])],
  };
}

/** The clients of AUTH_CLIENTS (a JSON array); none when unset. */
export function parseClients(raw: string | undefined): ClientConfig[] {
  if (raw === undefined || raw.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return fail('is not valid JSON');
  }
  if (!Array.isArray(parsed)) return fail('must be a JSON array');
  const clients = parsed.map(parseClient);
  const ids = new Set<string>();
  for (const client of clients) {
    if (ids.has(client.id)) fail(`names client ${client.id} twice`);
    ids.add(client.id);
  }
  return clients;
}
