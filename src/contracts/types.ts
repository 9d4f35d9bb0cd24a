// The shape of a generated contract bundle (generated/<dialect>.contract.json) and of the checks a
// dialect's contract offers. Types only: importing them loads no contract and no validator.
import type { DialectId } from '../../generated/dialects.ts';
import type { ValidationIssue } from '../errors.ts';

export interface ContractRule {
  id: string;
  field: string;
  enforced: string;
  /** The rule in words, as the document states it. */
  description: string;
}

export interface ContractOperation {
  method: string;
  path: string;
  requestMediaType?: string;
  requestSchema?: Record<string, unknown>;
  /** Multipart file parts and the media types each takes (`image/png, image/jpeg`), from the `encoding` of the request body. */
  requestEncoding?: Record<string, string>;
  parameters: Array<{ name: string; in: string; required: boolean; schema: unknown }>;
  rules: ContractRule[];
}

/**
 * The operations a client drives (DialectAdapter's submit, get and deleteTask), named alike in
 * every document: the only ones generated/<dialect>.client.json keeps. The simulator, the CLI and
 * the package's ./contracts export keep every operation.
 */
export const CLIENT_OPERATIONS: readonly string[] = ['createTask', 'getTask', 'deleteTask'];

/** One failed keyword, as ajv reports it with `allErrors` (generated/<dialect>.validate.ts; interpreted.ts maps cfworker's units to it). */
export interface SchemaError {
  /** JSON pointer into the instance: `/content/1/role`; `` for the root. */
  instancePath: string;
  /** URI-fragment pointer to the failed keyword: `#/properties/content/minItems`. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The `x-rule` the failed keyword belongs to (the nearest enclosing marked subschema), told at generate time. */
  rule?: string;
  /** What a wording reads of the schema object holding the keyword: a bound's neighbouring bounds. */
  parentSchema?: Record<string, unknown>;
}

/** A request validator (ajv's compiled code, or the client's interpreter): true when valid, else `errors` say why. */
export interface Validate {
  (data: unknown): boolean;
  errors?: SchemaError[] | null;
}

/** A dialect's validators by export name (generated/<dialect>.validate.ts). */
export type Validators = Readonly<Record<string, Validate | undefined>>;

/** The export name of an operation's request-body validator, and of its query-parameter validator. */
export const bodyValidator = (operationId: string) => `${operationId}Body`;
export const queryValidator = (operationId: string) => `${operationId}Query`;

export interface Contract {
  dialect: string;
  operations: Record<string, ContractOperation>;
}

/** One dialect's contract and its checks, built only from that dialect's bundle (so a one-dialect app ships one contract). */
export interface DialectContract {
  dialect: DialectId;
  operations: Record<string, ContractOperation>;
  /** Every rule a wire body breaks, one issue per broken rule, naming the field (a JSON pointer into the body) and the rule id. */
  checkRequestBody(operationId: string, body: unknown): ValidationIssue[];
  /**
   * Query parameters against the operation's declared parameters (values coerced from text, as Prism does).
   * The whole contracts (src/contracts/index.ts) only: a client's contract declares none, and throws if one were declared.
   */
  checkParameters(operationId: string, query: URLSearchParams): ValidationIssue[];
  /**
   * The default the contract states for a request field (a JSON pointer or a top-level name), if it
   * states one. The whole contracts (src/contracts/index.ts) only, for the simulator: a client's contract throws.
   */
  requestDefault(operationId: string, field: string): unknown;
}
