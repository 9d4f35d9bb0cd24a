// A dialect's contract with its checks, built from that dialect's generated bundle and validators
// alone: the simulator's and the CLI's are ajv's, compiled at generate time
// (generated/<dialect>.validate.ts); a client's interpret the schema its bundle ships
// (interpreted.ts). Either way the issues are worded from the bundle's x-rules. The narrow
// interface (DialectContract) is all the client and the simulator use.
import type { DialectId } from '../../generated/dialects.ts';
import type { ValidationIssue } from '../errors.ts';
import type { schemaDefault } from './defaults.ts';
import { issuesOf } from './issues.ts';
import type { queryIssues } from './parameters.ts';
import { bodyValidator, type Contract, type ContractOperation, type DialectContract, queryValidator, type Validate, type Validators } from './types.ts';

const isMultipart = (operation: ContractOperation | undefined) => operation?.requestMediaType?.startsWith('multipart/') === true;

/** What only a server's contract carries: a client neither fills in defaults nor receives queries. */
export interface ContractOptions {
  /** The defaults a request schema states (defaults.ts), which the simulator fills in. */
  schemaDefault?: typeof schemaDefault;
  /** The check of a request's query parameters (parameters.ts). */
  queryIssues?: typeof queryIssues;
}

export function dialectContract(dialect: DialectId, bundle: Contract, validators: Validators, options: ContractOptions = {}): DialectContract {
  const operations = bundle.operations;

  /** The operation's validator; a schema without one means the generated files are out of date. */
  function validatorOf(name: string): Validate {
    const validate = validators[name];
    if (!validate) throw new Error(`the ${dialect} contract has no validator ${name} (run npm run generate)`);
    return validate;
  }

  function checkRequestBody(operationId: string, body: unknown): ValidationIssue[] {
    const operation = operations[operationId];
    if (!operation?.requestMediaType) return [];
    const validate = validatorOf(bodyValidator(operationId));
    // A multipart body arrives as text and its validator coerces it in place, as Prism does: the
    // caller's body stays as sent.
    const valid = validate(isMultipart(operation) ? structuredClone(body) : body);
    return valid ? [] : issuesOf(operation, validate.errors ?? []);
  }

  function checkParameters(operationId: string, query: URLSearchParams): ValidationIssue[] {
    const operation = operations[operationId];
    if (!operation?.parameters?.some((parameter) => parameter.in === 'query')) return [];
    if (!options.queryIssues) throw new Error(`the ${dialect} contract was built without the query check`);
    return options.queryIssues(operation, query, validatorOf(queryValidator(operationId)));
  }

  function requestDefault(operationId: string, field: string): unknown {
    if (!options.schemaDefault) throw new Error(`the ${dialect} contract was built without its defaults`);
    return options.schemaDefault(operations[operationId]?.requestSchema, field);
  }

  return { dialect, operations, checkRequestBody, checkParameters, requestDefault };
}
