// Query parameters against an operation's declared parameters, values coerced from text as Prism
// does: the simulator's check of a list request. The query is one object for the operation's query
// validator (generated/<dialect>.validate.ts); each parameter gets at most one issue.
import type { ValidationIssue } from '../errors.ts';
import { pointerSegments } from '../json-pointer.ts';
import { describeError } from '../messages.ts';
import type { ContractOperation, Validate } from './types.ts';

export function queryIssues(operation: ContractOperation, query: URLSearchParams, validate: Validate): ValidationIssue[] {
  const declared = operation.parameters.filter((parameter) => parameter.in === 'query');
  // A fresh object of text values (an array parameter takes every value): the validator coerces it in place.
  const values: Record<string, unknown> = {};
  for (const parameter of declared) {
    const given = query.getAll(parameter.name);
    if (given.length > 0) values[parameter.name] = (parameter.schema as { type?: unknown } | undefined)?.type === 'array' ? given : given[0];
  }
  if (validate(values)) return [];
  const issues: ValidationIssue[] = [];
  for (const parameter of declared) {
    const field = `/query/${parameter.name}`;
    const at = `/${parameter.name}`;
    const error = validate.errors?.find(
      (candidate) =>
        candidate.instancePath === at ||
        candidate.instancePath.startsWith(`${at}/`) ||
        (candidate.keyword === 'required' && candidate.params.missingProperty === parameter.name),
    );
    if (!error) continue;
    const rule = operation.rules.find((candidate) => candidate.field === field);
    const fallback = error.keyword === 'required' ? 'schema-required' : 'schema-parameter';
    const message =
      error.keyword === 'required'
        ? `${parameter.name} is required`
        : describeError(withParent(error, parameter.schema), '', rule?.description, parameter.name);
    issues.push({ path: field, rule: rule?.id ?? fallback, message });
  }
  return issues;
}

/** The error with the schema node that holds its keyword, found inside the parameter's own schema. */
function withParent<Error extends { schemaPath: string }>(error: Error, schema: unknown): Error & { parentSchema?: Record<string, unknown> } {
  // `#/properties/<name>/...keyword`: the parameter's schema starts after the name.
  let node = schema;
  for (const part of pointerSegments(error.schemaPath).slice(2, -1))
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[part] : undefined;
  return typeof node === 'object' && node !== null ? { ...error, parentSchema: node as Record<string, unknown> } : error;
}
