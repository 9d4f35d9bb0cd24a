// Validation errors in plain words: the field as a user writes it (`content[1].role`) and what was
// expected ("content must be an array", "duration must be between 4 and 15"), never raw validator
// text such as "/content/1 must NOT be valid". Rule-level errors (a mixing or count rule) are worded
// by the rule's own description from the contract.
import { pointerSegments } from './json-pointer.ts';
import type { SchemaError } from './contracts/types.ts';

/** A JSON pointer (`/content/1/role`) as a user writes the field (`content[1].role`). */
function fieldName(pointer: string): string {
  const parts = pointerSegments(pointer);
  if (parts.length === 0) return 'the request body';
  return parts.reduce((name, part) => (/^\d+$/.test(part) ? `${name}[${part}]` : name ? `${name}.${part}` : part), '');
}

const ARTICLES: Record<string, string> = {
  array: 'an array',
  object: 'an object',
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  null: 'null',
};

export function isTypeError(error: SchemaError): boolean {
  return error.keyword === 'type';
}

function typeWords(type: unknown): string {
  const types = Array.isArray(type) ? type : [type];
  return types.map((name) => ARTICLES[String(name)] ?? String(name)).join(' or ');
}

function list(values: unknown): string {
  return (Array.isArray(values) ? values : [values]).map((value) => JSON.stringify(value)).join(', ');
}

/** "between 4 and 15", "at least 4 and less than 12", "at most 500": from the bounds the schema states. */
function rangeWords(schema: Record<string, unknown>): string {
  const low =
    typeof schema.minimum === 'number'
      ? { value: schema.minimum, open: false }
      : typeof schema.exclusiveMinimum === 'number'
        ? { value: schema.exclusiveMinimum, open: true }
        : undefined;
  const high =
    typeof schema.maximum === 'number'
      ? { value: schema.maximum, open: false }
      : typeof schema.exclusiveMaximum === 'number'
        ? { value: schema.exclusiveMaximum, open: true }
        : undefined;
  if (low && high && !low.open && !high.open) return `between ${low.value} and ${high.value}`;
  const parts = [
    ...(low ? [low.open ? `greater than ${low.value}` : `at least ${low.value}`] : []),
    ...(high ? [high.open ? `less than ${high.value}` : `at most ${high.value}`] : []),
  ];
  return parts.join(' and ');
}

/** What a single keyword expected, in words; undefined for keywords only a rule can explain. */
function expectation(error: SchemaError): string | undefined {
  const schema = (error.parentSchema ?? {}) as Record<string, unknown>;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'type':
      return `must be ${typeWords(params.type)}`;
    case 'required':
      return 'is required';
    case 'enum':
      return `must be one of ${list(params.allowedValues)}`;
    case 'const':
      return `must be ${list(params.allowedValue)}`;
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      // A range with a gap (`[-1, 15]` minus 0-3) is a rule only its description words right.
      return 'not' in schema ? undefined : `must be ${rangeWords(schema)}`;
    case 'minLength':
      return Number(params.limit) <= 1 ? 'must not be empty' : `must be at least ${params.limit} characters long`;
    case 'maxLength':
      return `must be at most ${params.limit} characters long`;
    case 'minItems':
      return `must have at least ${params.limit} item${Number(params.limit) === 1 ? '' : 's'}`;
    case 'maxItems':
      return `must have at most ${params.limit} item${Number(params.limit) === 1 ? '' : 's'}`;
    case 'format':
      return `must be a valid ${params.format}`;
    case 'pattern':
      return `must match ${params.pattern}`;
    default:
      return undefined;
  }
}

/** What a failed keyword expected, without the field's name ("must be a string"); combinators say the value does not fit the schema. */
export function expectationOf(error: SchemaError): string {
  return expectation(error) ?? 'does not match the documented schema';
}

/**
 * One error as a sentence naming the field. A rule's description words what a single keyword
 * cannot (counts, exclusivity, conditions); a plain keyword error says what the value should be.
 */
export function describeError(error: SchemaError, field: string, ruleDescription?: string, name = fieldName(field)): string {
  const expected = error.keyword === 'pattern' && ruleDescription ? undefined : expectation(error);
  if (expected) return `${name} ${expected}`;
  if (ruleDescription) return field && field !== '/' && segmentsOf(field).length > 1 ? `${ruleDescription} (at ${name})` : ruleDescription;
  return `${name} is not valid here`;
}

function segmentsOf(pointer: string): string[] {
  return pointer.split('/').filter(Boolean);
}
