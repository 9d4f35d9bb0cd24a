// The shape of a generated contract bundle (generated/<dialect>.contract.json) and of the checks a
// dialect's contract offers. Types only: importing them loads no contract and no validator.
import type { DialectId } from '../dialects/ids.ts';
import type { ValidationIssue } from '../errors.ts';

export interface ContractRule {
  id: string;
  field: string;
  enforced: string;
  /** The rule in words; empty in a client's contract where no issue it raises can read it (scripts/worded-rules.ts). */
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
   * The whole contracts (src/contract.ts) only: a client's contract declares none, and throws if one were declared.
   */
  checkParameters(operationId: string, query: URLSearchParams): ValidationIssue[];
  /**
   * The default the contract states for a request field (a JSON pointer or a top-level name), if it
   * states one. The whole contracts (src/contract.ts) only, for the simulator: a client's contract throws.
   */
  requestDefault(operationId: string, field: string): unknown;
}
