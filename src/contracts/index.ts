// Every dialect's whole contract at run time, for the simulator, the CLI and the root export: each
// built from its generated/<dialect>.contract.json (query parameters, every rule) and every
// validator ajv compiled from the document (generated/<dialect>.validate.ts), behind one API that
// takes the dialect as an argument. A client ships only the part it checks submits against
// (generated/<dialect>.client.json, its schema interpreted: src/contracts/interpreted.ts).
// Ranges, enums and mixing rules are never typed again: a violation is traced through the schema
// to the `x-rule` that encodes it, and worded in plain English (src/contracts/issues.ts, src/messages.ts).
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import type { ValidationIssue } from '../errors.ts';
import { GENERATED } from '../../generated/registry.ts';
import { dialectContract } from './check.ts';
import { schemaDefault } from './defaults.ts';
import { queryIssues } from './parameters.ts';
import { checkFilePartsWith, checkWireBodyWith } from '../file-parts.ts';
import type { Contract, DialectContract } from './types.ts';

export type { DialectContract } from './types.ts';

// The simulator also fills in the defaults a request left out and checks queries.
const SERVER = { schemaDefault, queryIssues };

// Pure: an app that imports the root entry without these ships none of the whole bundles.
const wholeContracts = () =>
  Object.fromEntries(DIALECT_IDS.map((id) => [id, dialectContract(id, GENERATED[id].contract as Contract, GENERATED[id].validators, SERVER)])) as Record<
    DialectId,
    DialectContract
  >;
/** Every dialect's whole contract: its operations and their checks. */
export const contracts: Record<DialectId, DialectContract> = /* @__PURE__ */ wholeContracts();

/**
 * Checks a wire body against the dialect's request schema. Returns one issue per broken rule,
 * naming the field (a JSON pointer into the wire body) and the rule id from the contract's x-rules.
 */
export function checkRequestBody(dialect: DialectId, operationId: string, body: unknown): ValidationIssue[] {
  return contracts[dialect].checkRequestBody(operationId, body);
}

/**
 * Checks query parameters against the operation's declared parameters (values coerced from text,
 * as Prism does). Issues name the parameter (`/query/page_size`) and its rule.
 */
export function checkParameters(dialect: DialectId, operationId: string, query: URLSearchParams): ValidationIssue[] {
  return contracts[dialect].checkParameters(operationId, query);
}

/**
 * The default the contract states for a request field, if it states one. `field` is a JSON
 * pointer (`/metadata/generate_audio`) or a top-level name; defaults behind `allOf` members
 * (a `$ref` wrapped to carry an `x-rule`) are found too.
 */
export function requestDefault(dialect: DialectId, operationId: string, field: string): unknown {
  return contracts[dialect].requestDefault(operationId, field);
}

// The wire checks by dialect id, for the simulator, the CLI and the scripts: the same checks a
// client's dialect adapter runs (src/file-parts.ts on that dialect's contract).

/**
 * Checks the file parts of a multipart body: each field the contract's `encoding` names must be a
 * file (a Blob; a string is a text part) whose bytes are one of the listed media types.
 */
export function checkFileParts(dialect: DialectId, operationId: string, parts: Record<string, unknown>): Promise<ValidationIssue[]> {
  return checkFilePartsWith(contracts[dialect], operationId, parts);
}

/**
 * Every rule a wire body breaks, as the gateway would judge it: the schema's (on the body as it is
 * serialised) and the file rules. The client checks each body with its adapter's `checkWire`, which
 * a test holds equal to this.
 */
export function checkWireBody(dialect: DialectId, operationId: string, body: Record<string, unknown>): Promise<ValidationIssue[]> {
  return checkWireBodyWith(contracts[dialect], operationId, body);
}
