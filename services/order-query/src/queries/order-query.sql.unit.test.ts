// The page statement's shape: filters become bound parameters, and the keyset follows the sort and direction.
import { describe, expect, it } from 'vitest';
import { buildListQuery } from './order-query.sql.ts';

const ID = '0195b3c4-5d6e-7f80-9a1b-2c3d4e5f6a7b';
const squash = (text: string) => text.replace(/\s+/g, ' ');

describe('buildListQuery', () => {
  it('without filters pages by newest first', () => {
    const { text, params } = buildListQuery({}, { sort: 'created_at', direction: 'desc', limit: 21 });
    expect(squash(text)).toMatch(/FROM order_read_model ORDER BY created_at DESC, order_id DESC LIMIT \$1$/);
    expect(text).not.toMatch(/WHERE/);
    expect(params).toEqual([21]);
  });

  it('binds every filter value, never inlines it', () => {
    const { text, params } = buildListQuery(
      {
        statuses: ['CONFIRMED', 'SHIPPED'],
        customerId: "x' OR '1'='1",
        createdFrom: '2025-01-01T00:00:00Z',
        createdTo: '2025-02-01T00:00:00Z',
        minTotal: 100,
        maxTotal: 900,
        tsquery: "'shoe':*",
      },
      { sort: 'total', direction: 'asc', limit: 11 },
    );
    expect(text).not.toContain("x' OR");
    expect(params).toEqual([
      'CONFIRMED,SHIPPED',
      "x' OR '1'='1",
      '2025-01-01T00:00:00Z',
      '2025-02-01T00:00:00Z',
      100,
      900,
      "'shoe':*",
      11,
    ]);
    expect(squash(text)).toContain(
      "WHERE status = ANY (string_to_array($1, ',')) AND customer_id = $2 AND created_at >= $3::timestamptz AND created_at < $4::timestamptz AND total_amount >= $5 AND total_amount <= $6 AND search_vector @@ $7::tsquery",
    );
    expect(squash(text)).toMatch(/ORDER BY total_amount ASC, order_id ASC LIMIT \$8$/);
  });

  it('continues after the cursor in the direction of the sort, ties broken by order id', () => {
    const after = { sort: 'total', direction: 'desc', value: '500', orderId: ID } as const;
    const desc = buildListQuery({}, { sort: 'total', direction: 'desc', limit: 5, after });
    expect(squash(desc.text)).toContain('WHERE (total_amount, order_id) < ($1::bigint, $2::uuid)');
    expect(desc.params).toEqual(['500', ID, 5]);
    const asc = buildListQuery(
      {},
      {
        sort: 'created_at',
        direction: 'asc',
        limit: 5,
        after: { ...after, sort: 'created_at', direction: 'asc', value: '2025-03-01T00:00:00.000000Z' },
      },
    );
    expect(squash(asc.text)).toContain('WHERE (created_at, order_id) > ($1::timestamptz, $2::uuid)');
  });
});
