// The document guard: a schema uses only what the engine implements, each keyword with a value of
// the shape the engine reads. Any other keyword, type, or shape fails here, so a document edit can
// never be silently ignored: extend the engine and its differential test first. A plug-in of the
// engine (EngineOptions.guard): the simulator, the CLI and compile.ts run it on every schema they
// compile, and scripts/bundle-contracts.ts on every schema it writes, so the client's contracts
// (generated/<dialect>.client.json, fixed at generation time) are checked before they ship and the
// client does not carry the guard.
import { escapePointerSegment } from '../json-pointer.ts';
import { VALIDATING } from './engine.ts';
import { SchemaCompileError } from './node.ts';
import { JSON_TYPES } from './values.ts';

/** Annotations: no effect on the verdict. */
const ANNOTATIONS = new Set(['default', 'contentMediaType', 'description', 'title', 'examples']);
const NUMBERS = ['maximum', 'minimum', 'exclusiveMaximum', 'exclusiveMinimum', 'maxLength', 'minLength', 'maxItems', 'minItems'];
/** Keywords holding one subschema, and those holding a non-empty list of them. */
const SUBSCHEMAS = ['not', 'if', 'then', 'else', 'items', 'contains'];
const MEMBERS = ['anyOf', 'oneOf', 'allOf'];

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

function fail(message: string): never {
  throw new SchemaCompileError(message);
}

function assertKeywords(schema: Record<string, unknown>, at: string): void {
  for (const keyword of Object.keys(schema)) {
    if (VALIDATING.has(keyword) || ANNOTATIONS.has(keyword) || keyword.startsWith('x-')) continue;
    fail(
      `unsupported JSON Schema keyword "${keyword}" at ${at}: ` +
        'src/schema/ implements only the keywords the documents use; extend it (and its differential test) first',
    );
  }
  const { type, enum: allowed, pattern, required, properties, additionalProperties, minContains, maxContains } = schema;
  for (const name of type === undefined ? [] : Array.isArray(type) ? type : [type])
    if (!JSON_TYPES.has(name)) fail(`unknown type ${JSON.stringify(name)} at ${at}`);
  for (const keyword of NUMBERS) if (schema[keyword] !== undefined && typeof schema[keyword] !== 'number') fail(`${keyword} must be a number at ${at}`);
  if ((minContains !== undefined && typeof minContains !== 'number') || (maxContains !== undefined && typeof maxContains !== 'number'))
    fail(`minContains and maxContains must be numbers at ${at}`);
  if (allowed !== undefined && !Array.isArray(allowed)) fail(`enum must be an array at ${at}`);
  if (pattern !== undefined && typeof pattern !== 'string') fail(`pattern must be a string at ${at}`);
  if (required !== undefined && !(Array.isArray(required) && required.every((name) => typeof name === 'string'))) fail(`required must list names at ${at}`);
  if (properties !== undefined && !isObject(properties)) fail(`properties must be an object at ${at}`);
  if (additionalProperties !== undefined && additionalProperties !== true) fail(`additionalProperties other than true is not supported at ${at}`);
}

/** Throws SchemaCompileError on the first thing in `schema` the engine does not implement. */
export function guardSchema(schema: unknown, at = '#'): void {
  if (schema === true) return;
  if (!isObject(schema)) fail(`a schema must be an object or true at ${at}`);
  assertKeywords(schema, at);
  for (const keyword of MEMBERS) {
    const list = schema[keyword];
    if (list === undefined) continue;
    if (!Array.isArray(list) || list.length === 0) fail(`${keyword} must be a non-empty array at ${at}`);
    for (let index = 0; index < list.length; index++) guardSchema(list[index], `${at}/${keyword}/${index}`);
  }
  for (const keyword of SUBSCHEMAS) if (schema[keyword] !== undefined) guardSchema(schema[keyword], `${at}/${keyword}`);
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, unknown>)) {
    if (name !== '__proto__') guardSchema(property, `${at}/properties/${encodeURIComponent(escapePointerSegment(name))}`);
  }
}
