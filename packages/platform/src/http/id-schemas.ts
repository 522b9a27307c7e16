// Id values in HTTP requests, shared so every service takes the same UUIDs and the same batch lists. A plain
// pattern, not format 'uuid': ajv-formats also accepts a `urn:uuid:` prefix that PostgreSQL and the contracts refuse.
import { Type } from '@sinclair/typebox';

const UUID = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export const CanonicalUuid = Type.String({ pattern: `^${UUID}$`, maxLength: 36 });

/** The most ids a batch read takes in one request (catalog's products, inventory's stock); callers split past it. */
export const MAX_BATCH_IDS = 100;

/** `ids=a,b,c`: 1 to MAX_BATCH_IDS canonical UUIDs, comma-separated. */
export const UuidList = Type.String({
  maxLength: MAX_BATCH_IDS * 37,
  pattern: `^${UUID}(,${UUID}){0,${MAX_BATCH_IDS - 1}}$`,
});

/** A UuidList's ids, lower-cased and without repeats. */
export function parseUuidList(raw: string): string[] {
  return [...new Set(raw.split(',').map((id) => id.trim().toLowerCase()))];
}
