// Schema errors turned into issues a user can act on: each error comes with the `x-rule` it belongs to
// (told when its validator was generated) or is claimed by the rule on its field, and is worded in
// plain English (src/messages.ts).
import type { ValidationIssue } from '../errors.ts';
import { describeError, isTypeError } from '../messages.ts';
import type { ContractOperation, ContractRule, SchemaError } from './types.ts';

const segments = (pointer: string) => pointer.split('/').filter(Boolean);

/** A rule that may claim errors by field: schema-enforced, about a field below the body. */
interface FieldRule {
  rule: ContractRule;
  segments: string[];
}

/** Each operation's field rules, split into segments once (issues are worded on every refused request). */
const fieldRulesOf = new WeakMap<ContractRule[], FieldRule[]>();

function fieldRules(rules: ContractRule[]): FieldRule[] {
  let found = fieldRulesOf.get(rules);
  if (!found) {
    // A rule about the whole body (field `/`) never claims an error by field alone: it would swallow
    // every error that no other rule explains.
    found = rules.filter((rule) => rule.enforced === 'schema').map((rule) => ({ rule, segments: segments(rule.field) }));
    found = found.filter((entry) => entry.segments.length > 0);
    fieldRulesOf.set(rules, found);
  }
  return found;
}

/**
 * Without an `x-rule` marker, an error belongs to the rule on its field when exactly one rule
 * claims the longest matching field (`/metadata/duration` for an error at that field,
 * `/content` for one at `/content/2/role` when no rule names anything deeper).
 */
function ruleOfField(rules: ContractRule[], field: string): ContractRule | undefined {
  const target = segments(field);
  let longest = -1;
  let claimed: ContractRule | undefined;
  let claims = 0;
  for (const entry of fieldRules(rules)) {
    if (entry.segments.length < longest || !entry.segments.every((part, index) => part === target[index])) continue;
    if (entry.segments.length > longest) {
      longest = entry.segments.length;
      claims = 0;
    }
    claimed = entry.rule;
    claims += 1;
  }
  return claims === 1 ? claimed : undefined;
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
    const ruleId = error.rule;
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
