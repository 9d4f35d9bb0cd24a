// Schema errors turned into issues a user can act on: each error is traced through the schema to the
// `x-rule` that encodes it (or to the rule on its field) and worded in plain English (src/messages.ts).
import type { ValidationIssue } from '../errors.ts';
import { pointerSegments } from '../json-pointer.ts';
import { describeError, isTypeError } from '../messages.ts';
import type { SchemaError } from '../schema/types.ts';
import type { ContractOperation, ContractRule } from './types.ts';

/** The schema node at a JSON pointer such as `#/properties/content/allOf/0/not`. */
function schemaAt(schema: unknown, pointer: string): unknown {
  return pointerSegments(pointer.startsWith('#') ? pointer : `#${pointer}`).reduce<unknown>(
    (node, part) => (typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined),
    schema,
  );
}

/** The rule a schema error belongs to: the nearest enclosing subschema marked `x-rule`. */
function ruleOfError(schema: unknown, error: Pick<SchemaError, 'schemaPath'>): string | undefined {
  const parts = error.schemaPath.replace(/^#\/?/, '').split('/');
  for (let length = parts.length; length >= 0; length--) {
    const node = schemaAt(schema, `#/${parts.slice(0, length).join('/')}`);
    const rule = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)['x-rule'] : undefined;
    if (typeof rule === 'string') return rule;
  }
  return undefined;
}

const segments = (pointer: string) => pointer.split('/').filter(Boolean);

/**
 * Without an `x-rule` marker, an error belongs to the rule on its field when exactly one rule
 * claims the longest matching field (`/metadata/duration` for an error at that field,
 * `/content` for one at `/content/2/role` when no rule names anything deeper).
 */
function ruleOfField(rules: ContractRule[], field: string): ContractRule | undefined {
  const target = segments(field);
  // A rule about the whole body (field `/`) never claims an error by field alone: it would swallow
  // every error that no other rule explains.
  const along = rules.filter(
    (rule) => rule.enforced === 'schema' && segments(rule.field).length > 0 && segments(rule.field).every((part, index) => part === target[index]),
  );
  const longest = Math.max(-1, ...along.map((rule) => segments(rule.field).length));
  const candidates = along.filter((rule) => segments(rule.field).length === longest);
  return candidates.length === 1 ? candidates[0] : undefined;
}

/** The field an error is about, as a JSON pointer; for `required`, the missing property itself. */
function errorField(error: SchemaError): string {
  const missing = error.keyword === 'required' ? (error.params as { missingProperty?: string }).missingProperty : undefined;
  return missing ? `${error.instancePath}/${missing}` : error.instancePath || '/';
}

const COMBINATORS = new Set(['oneOf', 'anyOf', 'if', 'not', 'allOf', 'contains']);

/**
 * A value of the wrong type makes every other constraint on it meaningless (a `contains` or
 * `not` over a non-array passes or fails vacuously): keep only the type error at such a path.
 */
function withoutNoiseAtMistypedFields(errors: SchemaError[]): SchemaError[] {
  const mistyped = new Set(errors.filter(isTypeError).map((error) => error.instancePath));
  return errors.filter((error) => isTypeError(error) || !mistyped.has(error.instancePath));
}

/** One issue per broken rule (or per field, for errors no rule explains), worded in plain English. */
export function issuesOf(operation: ContractOperation, errors: SchemaError[]): ValidationIssue[] {
  const rulesById = new Map(operation.rules.map((rule) => [rule.id, rule]));
  const issues = new Map<string, ValidationIssue>();
  for (const error of withoutNoiseAtMistypedFields(errors)) {
    const field = errorField(error);
    const ruleId = ruleOfError(operation.requestSchema, error);
    const combinator = COMBINATORS.has(error.keyword);
    const rule = ruleId ? rulesById.get(ruleId) : combinator ? undefined : ruleOfField(operation.rules, field);
    // A failed `oneOf` or `if` only says "some branch failed"; the branch's own errors say which.
    if (!rule && combinator) continue;
    const key = rule ? `${rule.id} ${rule.field}` : `${error.keyword} ${field}`;
    if (issues.has(key)) continue;
    issues.set(key, {
      path: rule && !field.startsWith(rule.field) ? rule.field : field,
      rule: rule?.id ?? `schema-${error.keyword}`,
      message: describeError(error, field, rule?.description),
    });
  }
  // When a rule explains a field, drop the generic errors it caused on the same field.
  const explained = [...issues.values()].filter((issue) => !issue.rule.startsWith('schema-'));
  return [...issues.values()].filter(
    (issue) => !issue.rule.startsWith('schema-') || !explained.some((rule) => issue.path.startsWith(rule.path) || rule.path.startsWith(issue.path)),
  );
}
