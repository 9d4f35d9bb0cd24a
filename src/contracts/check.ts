// A dialect's contract with its checks, built from that dialect's generated bundle alone: a
// validator per operation, compiled on first use, and the issues worded from the bundle's x-rules.
// The narrow interface (DialectContract) is all the client and the simulator use, so the
// validators can change without touching callers.
import type { DialectId } from '../dialects/ids.ts';
import type { ValidationIssue } from '../errors.ts';
import { describeError } from '../messages.ts';
import { type CompiledSchema, type CompileOptions, compileSchema } from '../schema/compile.ts';
import { schemaDefault } from './defaults.ts';
import { issuesOf } from './issues.ts';
import type { Contract, ContractOperation, DialectContract } from './types.ts';

const isMultipart = (operation: ContractOperation | undefined) => operation?.requestMediaType?.startsWith('multipart/') === true;

/** `verdict`: the fused fail-fast predicate for JSON bodies, for a server (see CompileOptions). */
export function dialectContract(dialect: DialectId, bundle: Contract, { verdict }: Pick<CompileOptions, 'verdict'> = {}): DialectContract {
  const operations = bundle.operations;
  const compiled = new Map<string, CompiledSchema>();

  /** Compiled on first use (a server or client pays only for the operations it calls). */
  function schemaFor(key: string, schema: unknown, coerceTypes: boolean): CompiledSchema {
    let found = compiled.get(key);
    if (!found) {
      found = compileSchema(schema ?? {}, verdict ? { coerceTypes, verdict } : { coerceTypes });
      compiled.set(key, found);
    }
    return found;
  }

  function checkRequestBody(operationId: string, body: unknown): ValidationIssue[] {
    const operation = operations[operationId];
    if (!operation?.requestSchema) return [];
    // Multipart bodies arrive as text and are coerced, as Prism does; JSON bodies are not.
    const multipart = isMultipart(operation);
    const schema = schemaFor(operationId, operation.requestSchema, multipart);
    // Coercion rewrites what it checks, and the caller's body must stay as sent, so only there is a
    // copy checked. Copying every JSON body cost a visible share of a request.
    if (multipart) return issuesOf(operation, schema.errors(structuredClone(body)));
    // The fail-fast verdict first (the simulator's hot path); every error only to word a refusal.
    return schema.test(body) ? [] : issuesOf(operation, schema.errors(body));
  }

  function checkParameters(operationId: string, query: URLSearchParams): ValidationIssue[] {
    const operation = operations[operationId];
    const issues: ValidationIssue[] = [];
    for (const parameter of operation?.parameters ?? []) {
      if (parameter.in !== 'query') continue;
      const values = query.getAll(parameter.name);
      const field = `/query/${parameter.name}`;
      const rule = operation?.rules.find((candidate) => candidate.field === field);
      if (values.length === 0) {
        if (parameter.required) issues.push({ path: field, rule: rule?.id ?? 'schema-required', message: `${parameter.name} is required` });
        continue;
      }
      const schema = parameter.schema as { type?: string } | undefined;
      // Values are text: coerced to the parameter's type (into a fresh array or string, never the caller's).
      const errors = schemaFor(`${operationId} ${parameter.name}`, schema, true).errors(schema?.type === 'array' ? values : values[0]);
      const first = errors[0];
      if (first) issues.push({ path: field, rule: rule?.id ?? 'schema-parameter', message: describeError(first, '', rule?.description, parameter.name) });
    }
    return issues;
  }

  return {
    dialect,
    operations,
    checkRequestBody,
    checkParameters,
    requestDefault: (operationId, field) => schemaDefault(operations[operationId]?.requestSchema, field),
  };
}
