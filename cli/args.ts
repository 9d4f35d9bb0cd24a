// Flag parsing for every command: node's own `parseArgs`, strict, with the flags every command
// shares. Each command passes its own option table as a literal, so the parsed values keep their
// types (string, boolean, string[]) without casts.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './output.ts';

type Options = NonNullable<ParseArgsConfig['options']>;

const COMMON_FLAGS = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  'api-key-file': { type: 'string' },
  'api-key-stdin': { type: 'boolean', default: false },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies Options;

/** What `parseFlags` returns, spelled out: the declaration build cannot name node's internal option type. */
type ParsedFlags<T extends Options> = ReturnType<typeof parseArgs<{ args: string[]; options: typeof COMMON_FLAGS & T; allowPositionals: true; strict: true }>>;

/** Parses a command's arguments with the common flags added; a parse failure is a usage error (exit 2). */
export function parseFlags<const T extends Options>(args: string[], options: T): ParsedFlags<T> {
  try {
    return parseArgs({ args, options: { ...COMMON_FLAGS, ...options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** A flag in seconds, as milliseconds. */
export function seconds(name: string, value: string | undefined, fallbackSeconds: number): number {
  const number = Number(value ?? fallbackSeconds);
  if (value?.trim() === '' || !Number.isFinite(number) || number <= 0) throw new UsageError(`--${name} takes a positive number of seconds, not "${value}"`);
  return number * 1000;
}

const UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1e3,
  kb: 1e3,
  kib: 1024,
  m: 1e6,
  mb: 1e6,
  mib: 1024 ** 2,
  g: 1e9,
  gb: 1e9,
  gib: 1024 ** 3,
  t: 1e12,
  tb: 1e12,
  tib: 1024 ** 4,
};

/** A flag in bytes: a number, with an optional unit (`500M`, `2GiB`, `1.5 GB`). */
export function byteSize(name: string, value: string | undefined, fallbackBytes: number): number {
  if (value === undefined) return fallbackBytes;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  const unit = match?.[2]?.toLowerCase() ?? '';
  const bytes = match && Object.hasOwn(UNITS, unit) ? Math.floor(Number(match[1]) * (UNITS[unit] ?? 1)) : Number.NaN;
  if (!Number.isFinite(bytes) || bytes <= 0) throw new UsageError(`--${name} takes a size in bytes, with an optional unit (500M, 2GiB), not "${value}"`);
  return bytes;
}
