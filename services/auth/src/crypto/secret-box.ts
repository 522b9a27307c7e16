// AES-256-GCM sealing of secrets at rest (signing keys, TOTP seeds), each bound to its row by associated data.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

export interface SecretBox {
  /** `context` (e.g. `totp:<user id>`) is authenticated, so a sealed value copied to another row fails to open. */
  seal(plaintext: string, context: string): string;
  /** Throws when the value was tampered with, sealed under another key or for another context. */
  open(sealed: string, context: string): string;
}

const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const SEALED = /^v1\.([A-Za-z0-9_-]{16})\.([A-Za-z0-9_-]*)\.([A-Za-z0-9_-]{22})$/;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error('a secret box needs a 32-byte key');
  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, 'utf8'));
      const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((b) => b.toString('base64url'));
      return [VERSION, ...parts].join('.');
    },
    open(sealed, context) {
      const match = SEALED.exec(sealed);
      if (!match) throw new Error('sealed value is malformed');
      const [iv, body, tag] = match.slice(1).map((part) => Buffer.from(part as string, 'base64url'));
      const decipher = createDecipheriv('aes-256-gcm', key, iv as Buffer, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag as Buffer);
      return Buffer.concat([decipher.update(body as Buffer), decipher.final()]).toString('utf8');
    },
  };
}
