// Keywords on one value: const and enum (any type), the number bounds, and the string length,
// pattern and format checks, each as a plain predicate plus ajv's error params. The compiled
// checks (compile.ts) and verdict tests (test.ts) share them.
import { type Check, report, SchemaCompileError, type Site } from './node.ts';
import { codePointLength } from './values.ts';

/** A keyword that looks at the value alone: whether a value passes, and the params of ajv's error when it does not. */
export interface ScalarRule {
  valid: (data: unknown) => boolean;
  params: Record<string, unknown>;
}

/** A bound's number (guard.ts has checked that it is one). */
const limitOf = (site: Site, keyword: string) => site.schema[keyword] as number;

/**
 * Equality as ajv has it: `===` for a primitive, deep equality for an object or array (the deepEqual
 * plug-in: the documents compare primitives only, so a client does without it).
 */
function equalTo(site: Site, expected: unknown): (data: unknown) => boolean {
  if (typeof expected !== 'object' || expected === null) return (data) => data === expected;
  const { deepEqual } = site;
  if (!deepEqual) throw new SchemaCompileError(`const or enum of objects needs deepEqual at ${site.at}`);
  return (data) => deepEqual(data, expected);
}

const BOUNDS: Record<string, { comparison: string; fails: (data: number, limit: number) => boolean }> = {
  maximum: { comparison: '<=', fails: (data, limit) => data > limit },
  minimum: { comparison: '>=', fails: (data, limit) => data < limit },
  exclusiveMaximum: { comparison: '<', fails: (data, limit) => data >= limit },
  exclusiveMinimum: { comparison: '>', fails: (data, limit) => data <= limit },
};

function enumRule(site: Site): ScalarRule {
  const allowed = site.schema.enum as unknown[];
  // Primitives (never NaN in JSON) compare by `includes`; objects deeply, as ajv does.
  if (allowed.every((value) => value === null || typeof value !== 'object'))
    return { valid: (data) => allowed.includes(data), params: { allowedValues: allowed } };
  const tests = allowed.map((value) => equalTo(site, value));
  return { valid: (data) => tests.some((test) => test(data)), params: { allowedValues: allowed } };
}

function patternRule(site: Site): ScalarRule {
  const pattern = site.schema.pattern as string;
  // The `u` flag, as ajv adds it (unicodeRegExp).
  const expression = new RegExp(pattern, 'u');
  return { valid: (data) => expression.test(data as string), params: { pattern } };
}

/** Only the formats plugged in (site.formats); another fails at compile time instead of being ignored. An annotation-only format has no rule. */
function formatRule(site: Site): ScalarRule | undefined {
  const name = site.schema.format;
  const format = typeof name === 'string' && Object.hasOwn(site.formats, name) ? site.formats[name] : undefined;
  if (format === undefined) throw new SchemaCompileError(`unknown format ${JSON.stringify(name)} at ${site.at}`);
  return format === true ? undefined : { valid: (data) => format(data as string), params: { format: name } };
}

/** maxLength, minLength (in code points, as ajv's ucs2length), maxItems, minItems. */
function sizeRule(site: Site, keyword: string): ScalarRule {
  const limit = limitOf(site, keyword);
  const tooBig = keyword.startsWith('max');
  if (keyword.endsWith('Length')) return { valid: (data) => lengthWithin(data as string, tooBig ? 0 : limit, tooBig ? limit : Infinity), params: { limit } };
  return { valid: (data) => (tooBig ? (data as unknown[]).length <= limit : (data as unknown[]).length >= limit), params: { limit } };
}

/**
 * Whether a string's length in code points is within [min, max]. A string of n UTF-16 units has
 * between n/2 and n code points, so a long prompt is settled without counting it.
 */
function lengthWithin(text: string, min: number, max: number): boolean {
  const fewest = Math.ceil(text.length / 2);
  if (fewest >= min && text.length <= max) return true;
  if (text.length < min || fewest > max) return false;
  const length = codePointLength(text);
  return length >= min && length <= max;
}

/** The rule of a scalar keyword; undefined for one without effect (format binary). */
export function scalarRule(keyword: string, site: Site): ScalarRule | undefined {
  switch (keyword) {
    case 'const':
      return { valid: equalTo(site, site.schema.const), params: { allowedValue: site.schema.const } };
    case 'enum':
      return enumRule(site);
    case 'pattern':
      return patternRule(site);
    case 'format':
      return formatRule(site);
    case 'maxLength':
    case 'minLength':
    case 'maxItems':
    case 'minItems':
      return sizeRule(site, keyword);
    default: {
      // maximum, minimum, exclusiveMaximum, exclusiveMinimum: on numbers only; NaN fails, as in ajv.
      const { comparison, fails } = BOUNDS[keyword]!;
      const limit = limitOf(site, keyword);
      return { valid: (data) => !(fails(data as number, limit) || Number.isNaN(data)), params: { comparison, limit } };
    }
  }
}

/** A scalar keyword as a compiled check: its predicate, and ajv's error when it fails. */
export function scalarCheck(keyword: string): (site: Site) => Check | undefined {
  return (site) => {
    const rule = scalarRule(keyword, site);
    if (rule === undefined) return undefined;
    const { valid, params } = rule;
    return (data, _holder, _key, path, errors) => valid(data) || report(errors, site, keyword, path, params);
  };
}
