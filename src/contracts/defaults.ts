// The default a request schema states for a field, found through `properties` and `allOf` members
// (a `$ref` wrapped to carry an `x-rule`): the simulator fills omitted fields with it.

type SchemaNode = { properties?: Record<string, unknown>; allOf?: unknown[]; default?: unknown };

const segments = (pointer: string) => pointer.split('/').filter(Boolean);

/** `field` is a JSON pointer (`/metadata/generate_audio`) or a top-level name. */
export function schemaDefault(schema: unknown, field: string): unknown {
  let node = schema;
  for (const name of field.startsWith('/') ? segments(field) : [field]) node = propertyOf(node, name);
  return defaultOf(node);
}

function propertyOf(node: unknown, name: string): unknown {
  const schema = node as SchemaNode | undefined;
  if (schema?.properties && name in schema.properties) return schema.properties[name];
  for (const member of schema?.allOf ?? []) {
    const found = propertyOf(member, name);
    if (found !== undefined) return found;
  }
  return undefined;
}

function defaultOf(node: unknown): unknown {
  const schema = node as SchemaNode | undefined;
  if (schema === undefined || schema === null) return undefined;
  if ('default' in schema) return schema.default;
  for (const member of schema.allOf ?? []) {
    const found = defaultOf(member);
    if (found !== undefined) return found;
  }
  return undefined;
}
