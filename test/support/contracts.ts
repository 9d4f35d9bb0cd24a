// Test helpers over the contract loader (codegen/contract-loader.ts, shared with the generator and
// the docs build), which the tests import from here.
import { deref, type InvalidCase, type JsonObject, type Operation, type Rule } from '../../codegen/contract-loader.ts';
import { escapePointerSegment, pointerSegments } from '../../src/json-pointer.ts';

export * from '../../codegen/contract-loader.ts';

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown, where: string): JsonObject {
  if (!isObject(value)) throw new Error(`${where}: expected an object`);
  return value;
}

/** Every `x-source` value in a document, with the JSON path where it sits. */
export function collectSources(node: unknown, at = '#'): Array<{ at: string; value: unknown }> {
  if (Array.isArray(node)) return node.flatMap((item, index) => collectSources(item, `${at}/${index}`));
  if (!isObject(node)) return [];
  return Object.entries(node).flatMap(([key, value]) => (key === 'x-source' ? [{ at, value }] : collectSources(value, `${at}/${escapePointerSegment(key)}`)));
}

/** The names of the schema properties that carry files (`format: binary`) in a multipart body. */
export function binaryFields(document: JsonObject, operation: Operation, mediaType: string): Set<string> {
  const body = deref(document, operation.definition.requestBody);
  const media = asObject(asObject(body.content, 'content')[mediaType], mediaType);
  const schema = deref(document, media.schema);
  const properties = isObject(schema.properties) ? schema.properties : {};
  return new Set(
    Object.entries(properties)
      .filter(([, property]) => isObject(property) && (property.format === 'binary' || 'contentMediaType' in property))
      .map(([name]) => name),
  );
}

/** JSON pointer ("/content/1/role") to path segments (["content", "1", "role"]). */
export { pointerSegments };

/** One path lies along the other: a problem found at a field, inside it, or at one of its ancestors. */
export function pathsOverlap(a: readonly string[], b: readonly string[]): boolean {
  const shorter = a.length <= b.length ? a : b;
  const longer = shorter === a ? b : a;
  return shorter.every((part, index) => part === longer[index]);
}

/** The rule's field as path segments below the request part it lives in (body, query or path). */
export function ruleFieldSegments(rule: Rule, location: InvalidCase['location']): string[] {
  const field = pointerSegments(rule.field);
  return field[0] === location ? field.slice(1) : field;
}
