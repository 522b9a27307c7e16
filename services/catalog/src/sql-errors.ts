// Recognises constraint violations by SQLSTATE and constraint name, on either adapter's error shape.

export const UNIQUE_VIOLATION = '23505';
export const FOREIGN_KEY_VIOLATION = '23503';

/** The SQLSTATE on the named constraint, looked for on the error and on whatever an adapter wrapped. */
export function isViolation(error: unknown, sqlState: string, constraint: string): boolean {
  let e: unknown = error;
  for (let depth = 0; depth < 4 && e instanceof Object; depth++, e = (e as { cause?: unknown }).cause) {
    const { code, constraint: name, message } = e as { code?: unknown; constraint?: unknown; message?: unknown };
    if (code === sqlState && (name === constraint || (typeof message === 'string' && message.includes(constraint))))
      return true;
  }
  return false;
}
