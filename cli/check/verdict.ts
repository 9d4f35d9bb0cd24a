// Whether an answer is one the contract documents: a documented status, a documented media type
// for it, and a JSON body that matches that status's schema (JSON Schema 2020-12, OpenAPI 3.1's own
// dialect). Returns the problems in plain words; none means the answer conforms.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ConformanceOperation } from './bundle.ts';
import type { Answer } from './exchange.ts';

const ajv = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, validateFormats: true });
addFormats(ajv);
ajv.addFormat('binary', true);
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  return validate;
}

function schemaProblems(schema: unknown, body: unknown, status: string): string[] {
  if (typeof schema !== 'object' || schema === null) return [];
  const validate = validatorFor(schema);
  if (validate(body)) return [];
  return (validate.errors ?? [])
    .slice(0, 5)
    .map(
      (error) =>
        `${status} body ${error.instancePath || '/'} ${error.message ?? 'is invalid'}` +
        (error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})` : ''),
    );
}

export function answerProblems(operation: ConformanceOperation, answer: Answer): string[] {
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
