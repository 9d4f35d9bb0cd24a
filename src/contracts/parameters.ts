// Query parameters against an operation's declared parameters, values coerced from text as Prism
// does: the simulator's check of a list request. A plug-in of dialectContract (CheckPlugins): the
// client's contracts declare no query parameters (generated/<dialect>.client.json keeps none), so a
// client bundle leaves this module, and the coercion it needs, out.
import type { ValidationIssue } from '../errors.ts';
import { describeError } from '../messages.ts';
import type { CompiledSchema } from '../schema/types.ts';
import type { ContractOperation } from './types.ts';

/** Compiles a parameter's schema with coercion (cached by the contract under the parameter's name). */
export type CompileParameter = (name: string, schema: unknown) => CompiledSchema;

export function queryIssues(operation: ContractOperation, query: URLSearchParams, compile: CompileParameter): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const parameter of operation.parameters) {
    if (parameter.in !== 'query') continue;
    const values = query.getAll(parameter.name);
    const field = `/query/${parameter.name}`;
    const rule = operation.rules.find((candidate) => candidate.field === field);
    if (values.length === 0) {
      if (parameter.required) issues.push({ path: field, rule: rule?.id ?? 'schema-required', message: `${parameter.name} is required` });
      continue;
    }
    const schema = parameter.schema as { type?: string } | undefined;
    // Values are text: coerced to the parameter's type (into a fresh array or string, never the caller's).
    const errors = compile(parameter.name, schema).errors(schema?.type === 'array' ? values : values[0]);
    const first = errors[0];
    if (first) issues.push({ path: field, rule: rule?.id ?? 'schema-parameter', message: describeError(first, '', rule?.description, parameter.name) });
  }
  return issues;
}
