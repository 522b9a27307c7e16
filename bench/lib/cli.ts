// Command-line options: `--name value` pairs read with node:util parseArgs, numbers checked on the way in.
import { parseArgs } from 'node:util';

export interface Cli {
  string(name: string): string | undefined;
  number(name: string, fallback: number, min?: number): number;
  numbers(name: string, fallback: number[]): number[];
  flag(name: string): boolean;
}

export function readCli(strings: string[], flags: string[] = []): Cli {
  const options = Object.fromEntries([
    ...strings.map((name) => [name, { type: 'string' as const }]),
    ...flags.map((name) => [name, { type: 'boolean' as const }]),
  ]);
  const values = parseArgs({ options, strict: true, allowPositionals: false }).values as Record<
    string,
    string | boolean | undefined
  >;
  const raw = (name: string) => values[name] as string | undefined;
  const toNumber = (name: string, text: string, min: number) => {
    const value = Number(text);
    if (!Number.isFinite(value) || value < min) throw new Error(`--${name} must be a number >= ${min}, got "${text}"`);
    return value;
  };
  return {
    string: raw,
    number: (name, fallback, min = 0) => {
      const text = raw(name);
      return text === undefined ? fallback : toNumber(name, text, min);
    },
    numbers: (name, fallback) => {
      const text = raw(name);
      return text === undefined ? fallback : text.split(',').map((part) => toNumber(name, part.trim(), 0));
    },
    flag: (name) => values[name] === true,
  };
}
