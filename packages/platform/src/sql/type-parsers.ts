// Result parsing both SQL adapters share, so the same SQL yields the same JS values on pg and PGlite.
import pg from 'pg';

type TextParser = (value: string) => unknown;

/** PostgreSQL type OIDs whose default parsing differs between pg and PGlite. */
const OID = {
  int8: 20,
  int8Array: 1016,
  textArray: 1009,
  date: 1082,
  dateArray: 1182,
  timestamp: 1114,
  interval: 1186,
  intervalArray: 1187,
} as const;

/** Our bigint/bigserial values fit in a double; callers get plain numbers on both adapters. */
const parseInt8: TextParser = (value) => Number(value);

/** A calendar date has no time zone: keep PostgreSQL's 'YYYY-MM-DD' text rather than a Date at some midnight. */
const keepText: TextParser = (value) => value;

/** `timestamp` (without zone) is read as UTC on both adapters, never in the process's local zone. */
const parseTimestampAsUtc: TextParser = (value) => {
  if (value === 'infinity' || value === '-infinity') return value;
  return new Date(`${value.replace(' ', 'T')}Z`);
};

/** Parsers handed to PGlite (it already parses arrays element-wise with these). */
export const pgliteParsers: Record<number, TextParser> = {
  [OID.int8]: parseInt8,
  [OID.date]: keepText,
  [OID.timestamp]: parseTimestampAsUtc,
  [OID.interval]: keepText,
};

function mapArray(parse: TextParser, element: TextParser): TextParser {
  const walk = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(walk) : value === null ? null : element(value as string);
  return (value) => walk(parse(value));
}

const parseTextArray = pg.types.getTypeParser(OID.textArray as never, 'text') as TextParser;

const pgOverrides: Record<number, TextParser> = {
  ...pgliteParsers,
  [OID.int8Array]: mapArray(parseTextArray, parseInt8),
  [OID.dateArray]: parseTextArray,
  [OID.intervalArray]: parseTextArray,
};

/** The `types` option of a pg Pool: our overrides first, pg's defaults otherwise. */
export const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    const override = format === 'binary' ? undefined : pgOverrides[oid];
    return override ?? pg.types.getTypeParser(oid, format ?? 'text');
  },
};
