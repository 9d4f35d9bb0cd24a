// Every dialect's contract at run time, for the simulator, the CLI and the root export: the four
// per-dialect contracts (src/contracts/<dialect>.ts, each built from its own
// generated/<dialect>.contract.json) behind one API that takes the dialect as an argument. An app
// that talks to one gateway imports that dialect's contract instead and ships one bundle.
// Ranges, enums and mixing rules are never typed again: a violation is traced through the schema
// to the `x-rule` that encodes it, and worded in plain English (src/contracts/issues.ts, src/messages.ts).
import type { DialectId } from './dialects/ids.ts';
import type { ValidationIssue } from './errors.ts';
import { contract as ark } from './contracts/ark.ts';
import { contract as contentMetadata } from './contracts/content-metadata.ts';
import { contract as multipartVideos } from './contracts/multipart-videos.ts';
import { contract as unifiedJobs } from './contracts/unified-jobs.ts';
import type { Contract, DialectContract } from './contracts/types.ts';

export type { Contract, ContractOperation, ContractRule, DialectContract } from './contracts/types.ts';

export const dialectContracts: Record<DialectId, DialectContract> = {
  ark,
  'content-metadata': contentMetadata,
  'multipart-videos': multipartVideos,
  'unified-jobs': unifiedJobs,
};

export const contracts: Record<DialectId, Contract> = dialectContracts;

/**
 * Checks a wire body against the dialect's request schema. Returns one issue per broken rule,
 * naming the field (a JSON pointer into the wire body) and the rule id from the contract's x-rules.
 */
export function checkRequestBody(dialect: DialectId, operationId: string, body: unknown): ValidationIssue[] {
  return dialectContracts[dialect].checkRequestBody(operationId, body);
}

/**
 * Checks query parameters against the operation's declared parameters (values coerced from text,
 * as Prism does). Issues name the parameter (`/query/page_size`) and its rule.
 */
export function checkParameters(dialect: DialectId, operationId: string, query: URLSearchParams): ValidationIssue[] {
  return dialectContracts[dialect].checkParameters(operationId, query);
}

/**
 * The default the contract states for a request field, if it states one. `field` is a JSON
 * pointer (`/metadata/generate_audio`) or a top-level name; defaults behind `allOf` members
 * (a `$ref` wrapped to carry an `x-rule`) are found too.
 */
export function requestDefault(dialect: DialectId, operationId: string, field: string): unknown {
  return dialectContracts[dialect].requestDefault(operationId, field);
}
