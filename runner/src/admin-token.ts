// The embedded platform's admin token: ADMIN_API_TOKEN when set, else one generated once and kept in DATA_DIR.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export async function adminTokenFor(dataDir: string, env: Record<string, string | undefined>): Promise<string> {
  if (env.ADMIN_API_TOKEN) return env.ADMIN_API_TOKEN;
  const file = join(dataDir, 'admin-token');
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    await mkdir(dataDir, { recursive: true });
    const token = randomBytes(24).toString('base64url');
    await writeFile(file, `${token}\n`, { mode: 0o600 });
    return token;
  }
}
