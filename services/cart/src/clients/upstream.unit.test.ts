// Specifications of batching ids for catalog's and inventory's batch reads.

import { MAX_BATCH_IDS } from '@techcorp/platform';
import { describe, expect, it } from 'vitest';
import { inBatches } from './upstream.ts';

const ids = (n: number, prefix = 'p') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);

describe('ids for a batch read', () => {
  it('none: no request at all', async () => {
    const batches: string[][] = [];
    const found = await inBatches([], async (batch) => {
      batches.push(batch);
      return [];
    });
    expect(batches).toEqual([]);
    expect(found.size).toBe(0);
  });

  it('250 with repeats: the distinct ones in requests of at most 100, their answers merged', async () => {
    const distinct = ids(250);
    const batches: string[][] = [];
    const found = await inBatches([...distinct, ...distinct.slice(0, 10)], async (batch) => {
      batches.push(batch);
      return batch.map((id) => [id, id.length] as const);
    });
    expect(batches.map((b) => b.length)).toEqual([MAX_BATCH_IDS, MAX_BATCH_IDS, 50]);
    expect(batches.flat()).toEqual(distinct);
    expect([...found.keys()]).toEqual(distinct);
  });

  it('a failing request fails the whole read', async () => {
    const read = inBatches(ids(150), async (batch) => {
      if (batch.length < MAX_BATCH_IDS) throw new Error('down');
      return [];
    });
    await expect(read).rejects.toThrow('down');
  });
});
