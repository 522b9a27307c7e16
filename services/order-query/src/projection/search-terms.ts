// Pure text-search terms: the lexemes stored per order and the prefix query built from what a user typed.
// Splitting ourselves (not to_tsvector) keeps 'TC-2025-000123' and UUIDs tokenised identically on write and read.

const WORD = /[\p{L}\p{N}]+/gu;
const MAX_TOKEN_LENGTH = 64;
export const MAX_QUERY_TOKENS = 10;

const MARKS = /\p{M}/gu;

/** Lower-cased runs of letters and digits without accents ('Tênis' finds 'tenis'), de-duplicated, in order. */
export function tokenize(text: string): string[] {
  const tokens = text.normalize('NFKD').replace(MARKS, '').toLowerCase().match(WORD) ?? [];
  return [...new Set(tokens.map((t) => t.slice(0, MAX_TOKEN_LENGTH)))];
}

export interface SearchableOrder {
  orderNumber: string;
  customerId: string;
  productNames: readonly string[];
}

/** Every lexeme an order is found by: its number, its customer id and its product names. */
export function orderSearchTerms(order: SearchableOrder): string[] {
  return tokenize([order.orderNumber, order.customerId, ...order.productNames].join(' '));
}

/**
 * A tsquery in PostgreSQL's input syntax: every typed word must prefix some lexeme ('tc':* & '2025':* & '0001':*),
 * so an order number typed exactly or cut short matches. Null when the text holds no word at all.
 */
export function prefixQuery(text: string): string | null {
  const tokens = tokenize(text).slice(0, MAX_QUERY_TOKENS);
  if (tokens.length === 0) return null;
  // Tokens are letters and digits only, so quoting cannot be broken out of.
  return tokens.map((t) => `'${t}':*`).join(' & ');
}
