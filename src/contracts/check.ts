// A dialect's contract with its checks, built from that dialect's generated bundle alone: a
// validator per operation, compiled on first use, and the issues worded from the bundle's x-rules.
// The narrow interface (DialectContract) is all the client and the simulator use, so the
// validators can change without touching callers.
import type { DialectId } from '../dialects/ids.ts';
import type { ValidationIssue } from '../errors.ts';
import { describeError } from '../messages.ts';
import { schemaDefault } from './defaults.ts';
import { issuesOf } from './issues.ts';
import type { Contract, ContractOperation, DialectContract } from './types.ts';
import { compileFull, compileVerdict, type ValidateFunction } from './validators.ts';

/**
 * JSON bodies only (the coercing validator's verdict depends on its coercion, so multipart keeps one
 * validator). Compiled once an operation is hot: compiling costs about as much as the full
 * validator's, which a one-off check or a server's first requests should not pay twice.
 */
const HOT_AFTER = 64;

const isMultipart = (operation: ContractOperation | undefined) => operation?.requestMediaType?.startsWith('multipart/') === true;

export function dialectContract(dialect: DialectId, bundle: Contract): DialectContract {
  const operations = bundle.operations;
  const full = new Map<string, ValidateFunction>();
  const verdicts = new Map<string, ValidateFunction | number>();

  function validatorFor(operationId: string, operation: ContractOperation): ValidateFunction {
    let validate = full.get(operationId);
    if (!validate) {
      validate = compileFull(operation.requestSchema ?? {}, isMultipart(operation));
      full.set(operationId, validate);
    }
    return validate;
  }

  function verdictFor(operationId: string, operation: ContractOperation): ValidateFunction | undefined {
    const known = verdicts.get(operationId) ?? 0;
    if (typeof known === 'function') return known;
    if (known < HOT_AFTER) {
      verdicts.set(operationId, known + 1);
      return undefined;
    }
    const validate = compileVerdict(operation.requestSchema ?? {});
    verdicts.set(operationId, validate);
    return validate;
  }

  function checkRequestBody(operationId: string, body: unknown): ValidationIssue[] {
    const operation = operations[operationId];
    if (!operation?.requestSchema) return [];
    const validate = validatorFor(operationId, operation);
    // Only the coercing validator (multipart) rewrites what it checks, and the caller's body must
    // stay as sent, so only there is a copy checked. Copying every JSON body cost a visible share of a request.
    if (isMultipart(operation)) return validate(structuredClone(body)) ? [] : issuesOf(operation, validate.errors ?? []);
    if (verdictFor(operationId, operation)?.(body)) return [];
    return validate(body) ? [] : issuesOf(operation, validate.errors ?? []);
  }

  function parameterValidator(operationId: string, name: string, schema: unknown): ValidateFunction {
    const key = `${operationId} ${name}`;
    let validate = full.get(key);
    if (!validate) {
      validate = compileFull((schema ?? {}) as object, true);
      full.set(key, validate);
    }
    return validate;
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
      const validate = parameterValidator(operationId, parameter.name, schema);
      if (!validate(schema?.type === 'array' ? values : values[0])) {
        const first = validate.errors?.[0];
        const message = first ? describeError(first, '', rule?.description, parameter.name) : `${parameter.name} is invalid`;
        issues.push({ path: field, rule: rule?.id ?? 'schema-parameter', message });
      }
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
