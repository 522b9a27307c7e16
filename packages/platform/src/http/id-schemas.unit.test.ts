// Specifications of the shared id values: canonical UUIDs only, and batch lists read once per id.
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { CanonicalUuid, MAX_BATCH_IDS, parseUuidList, UuidList } from './id-schemas.ts';

const id = '0190f5a4-1c1e-7c3a-8f00-0123456789ab';

describe('given an ids filter', () => {
  it('when ids repeat in another case, then each is looked up once', () => {
    expect(parseUuidList(`${id},${id.toUpperCase()}`)).toEqual([id]);
  });

  it('takes 1 to MAX_BATCH_IDS canonical UUIDs and nothing else', () => {
    expect(Value.Check(UuidList, Array(MAX_BATCH_IDS).fill(id).join(','))).toBe(true);
    expect(
      Value.Check(
        UuidList,
        Array(MAX_BATCH_IDS + 1)
          .fill(id)
          .join(','),
      ),
    ).toBe(false);
    for (const bad of ['', `${id},`, `urn:uuid:${id}`, 'not-a-uuid'])
      expect(Value.Check(UuidList, bad), bad).toBe(false);
  });
});

describe('given a single id', () => {
  it('takes the canonical form only', () => {
    expect(Value.Check(CanonicalUuid, id.toUpperCase())).toBe(true);
    expect(Value.Check(CanonicalUuid, `urn:uuid:${id}`)).toBe(false);
    expect(Value.Check(CanonicalUuid, `{${id}}`)).toBe(false);
  });
});
