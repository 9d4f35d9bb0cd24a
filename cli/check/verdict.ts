// Whether an answer is one the contract documents: a documented status, a documented media type
// for it, and a JSON body that matches that status's schema (JSON Schema 2020-12, OpenAPI 3.1's own
// dialect). Returns the problems in plain words; none means the answer conforms.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { engineOptions, VOCABULARY } from '../../src/contracts/engine.ts';
import type { SchemaError } from '../../src/contracts/types.ts';
import { expectationOf } from '../../src/messages.ts';
import type { ConformanceOperation } from './bundle.ts';
import type { GatewayAnswer } from './exchange.ts';

// ajv as the generator configures it for request bodies: every error, the same formats.
// verbose: each error carries the schema node holding its keyword, which its wording reads.
const ajv = new Ajv2020({ ...engineOptions(false), verbose: true });
ajv.addVocabulary(VOCABULARY);
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validator = compiled.get(schema);
  if (!validator) {
    validator = ajv.compile(schema);
    compiled.set(schema, validator);
  }
  return validator;
}

function schemaProblems(schema: unknown, body: unknown, status: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  let validator: ValidateFunction;
  try {
    validator = validatorFor(schema);
  } catch (error) {
    // A response schema using a keyword the engine lacks: said, not silently passed.
    return [`${status} body cannot be checked: ${(error as Error).message}`];
  }
  if (validator(body)) return [];
  return ((validator.errors ?? []) as SchemaError[]).slice(0, 5).map((error) => `${status} body ${error.instancePath || '/'} ${expectationOf(error)}`);
}

export function answerProblems(operation: ConformanceOperation, answer: GatewayAnswer): string[] {
  const status = String(answer.status);
  const documented = operation.responses[status] ?? operation.responses[`${status[0]}XX`] ?? operation.responses.default;
  if (!documented) return [`status ${status} is not documented (documented: ${Object.keys(operation.responses).join(', ')})`];
  const mediaTypes = Object.keys(documented);
  if (mediaTypes.length === 0) return [];
  if (!mediaTypes.includes(answer.mediaType))
    return [`${status} with content-type "${answer.mediaType || 'none'}" is not documented (documented: ${mediaTypes.join(', ')})`];
  if (answer.unparsable !== undefined) return [`${status} body is not JSON: ${JSON.stringify(answer.unparsable)}`];
  return answer.mediaType.includes('json') ? schemaProblems(documented[answer.mediaType], answer.body, status) : [];
}
