// Specifications of when search vacuums or analyses its own tables.
import { describe, expect, it } from 'vitest';
import { dueUpkeep, type TableActivity } from './upkeep.ts';

const table = (over: Partial<TableActivity>): TableActivity => ({
  table: 'documents',
  liveRows: 0,
  deadRows: 0,
  modifiedSinceAnalyze: 0,
  ...over,
});

describe('upkeep of the index tables', () => {
  it('given a quiet table: nothing', () => {
    expect(dueUpkeep([table({ liveRows: 10_000, deadRows: 20, modifiedSinceAnalyze: 400 })])).toEqual([]);
  });

  it('given a bulk load never analysed: ANALYZE', () => {
    expect(dueUpkeep([table({ liveRows: 10_000, deadRows: 0, modifiedSinceAnalyze: 10_000 })])).toEqual([
      { table: 'documents', kind: 'analyze' },
    ]);
  });

  it('given changes just under or at 500 + 10 % of the live rows: nothing, then ANALYZE', () => {
    expect(dueUpkeep([table({ liveRows: 10_000, modifiedSinceAnalyze: 1_499 })])).toEqual([]);
    expect(dueUpkeep([table({ liveRows: 10_000, modifiedSinceAnalyze: 1_500 })])).toEqual([
      { table: 'documents', kind: 'analyze' },
    ]);
  });

  it('given dead versions past 1,000 + 20 % of the live rows: VACUUM (ANALYZE), not a second ANALYZE', () => {
    const terms = table({ table: 'terms', liveRows: 191, deadRows: 93_857, modifiedSinceAnalyze: 94_048 });
    expect(dueUpkeep([terms])).toEqual([{ table: 'terms', kind: 'vacuum-analyze' }]);
    expect(dueUpkeep([table({ liveRows: 10_000, deadRows: 2_999 })])).toEqual([]);
  });

  it('given both tables: each on its own rule', () => {
    expect(
      dueUpkeep([
        table({ liveRows: 10_000, deadRows: 2_736, modifiedSinceAnalyze: 18_990 }),
        table({ table: 'terms', liveRows: 191, deadRows: 93_857, modifiedSinceAnalyze: 94_048 }),
      ]),
    ).toEqual([
      { table: 'documents', kind: 'analyze' },
      { table: 'terms', kind: 'vacuum-analyze' },
    ]);
  });
});
