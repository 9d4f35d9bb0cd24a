// The conformance facts of each dialect, generated from its OpenAPI document
// (generated/<dialect>.conformance.json, written by codegen/generate.ts and drift-checked):
// request examples, invalid examples and the response schema of every documented status.
import { GENERATED } from '../../generated/registry.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import type { InvalidCase, RequestCase } from '../../src/example-cases.ts';

/** A documented request example and a negative one, as the generator writes them (src/example-cases.ts). */
export type ExampleRequest = RequestCase;
export type InvalidExample = InvalidCase;

export interface ConformanceOperation {
  method: string;
  path: string;
  pathParameters: string[];
  requests: ExampleRequest[];
  invalid: InvalidExample[];
  /** status → media type → schema (null when the document gives none). */
  responses: Record<string, Record<string, unknown>>;
}

export interface ConformanceBundle {
  dialect: string;
  operations: Record<string, ConformanceOperation>;
}

/** The generated file, checked for the shape this module reads (it is produced by our own script). */
function read(json: unknown, dialect: DialectId): ConformanceBundle {
  const bundle = json as Partial<ConformanceBundle> | null;
  if (bundle?.dialect !== dialect || typeof bundle.operations !== 'object')
    throw new Error(`generated/${dialect}.conformance.json is not a conformance bundle`);
  return bundle as ConformanceBundle;
}

export const conformance: Record<DialectId, ConformanceBundle> = Object.fromEntries(
  DIALECT_IDS.map((id) => [id, read(GENERATED[id].conformance, id)]),
) as Record<DialectId, ConformanceBundle>;
