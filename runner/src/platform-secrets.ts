// The secrets one embedded platform needs, generated on first start and kept (mode 0600) in DATA_DIR/secrets.json;
// a variable set in the environment always wins. Nothing here has a default value that ships in the repository.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface PlatformSecrets {
  GATEWAY_IDENTITY_SECRET: string;
  AUTH_KEY_ENCRYPTION_KEY: string;
  SERVICE_CLIENT_ID: string;
  SERVICE_CLIENT_SECRET: string;
  AUTH_BOOTSTRAP_ADMIN_EMAIL: string;
  AUTH_BOOTSTRAP_ADMIN_PASSWORD: string;
}

const random = (bytes: number) => randomBytes(bytes).toString('base64url');

export function generateSecrets(): PlatformSecrets {
  return {
    GATEWAY_IDENTITY_SECRET: random(32),
    AUTH_KEY_ENCRYPTION_KEY: random(32),
    SERVICE_CLIENT_ID: 'platform',
    SERVICE_CLIENT_SECRET: random(32),
    AUTH_BOOTSTRAP_ADMIN_EMAIL: 'admin@techcorp.local',
    AUTH_BOOTSTRAP_ADMIN_PASSWORD: random(18),
  };
}

/**
 * The environment every in-process service gets: the secrets, plus AUTH_CLIENTS registering the platform's own
 * service client with auth (SERVICE role: orders reads saved addresses, order-query reads the replay feed).
 */
export function secretsEnv(secrets: PlatformSecrets, env: Record<string, string | undefined>): Record<string, string> {
  const merged = { ...secrets } as Record<keyof PlatformSecrets, string>;
  for (const key of Object.keys(secrets) as (keyof PlatformSecrets)[]) {
    const given = env[key]?.trim();
    if (given) merged[key] = given;
  }
  const clients = [
    { id: merged.SERVICE_CLIENT_ID, secret: merged.SERVICE_CLIENT_SECRET, roles: ['SERVICE'], scopes: [] },
  ];
  return { ...merged, AUTH_CLIENTS: env.AUTH_CLIENTS?.trim() || JSON.stringify(clients) };
}

/** Reads DATA_DIR/secrets.json, creating it on first start; missing keys (an older file) are filled in. */
export async function loadOrCreateSecrets(dataDir: string): Promise<PlatformSecrets> {
  const file = join(dataDir, 'secrets.json');
  let stored: Partial<PlatformSecrets> = {};
  try {
    stored = JSON.parse(await readFile(file, 'utf8')) as Partial<PlatformSecrets>;
  } catch {
    // first start
  }
  const secrets = { ...generateSecrets(), ...stored };
  if (Object.keys(stored).length !== Object.keys(secrets).length) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  }
  return secrets;
}
