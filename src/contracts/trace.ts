// Which x-rule a schema keyword belongs to: the deepest subschema marked `x-rule` on the keyword's
// schema path. The generator tells each of ajv's error sites its rule with it (codegen/validators.ts)
// and the client's interpreted check reads it off the shipped schema (interpreted.ts).
import { pointerSegments } from '../json-pointer.ts';

export type Node = Record<string, unknown>;
export const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null;

/**
 * The rule a keyword at `schemaPath` belongs to (the deepest subschema marked `x-rule` on the way
 * down) and the schema object holding the keyword.
 */
export function traceSchemaPath(schema: unknown, schemaPath: string): { rule?: string; parent?: Node } {
  const parts = pointerSegments(schemaPath);
  let node = schema;
  let rule: string | undefined;
  let parent: Node | undefined;
  for (const [index, part] of ['', ...parts].entries()) {
    if (index > 0) node = isNode(node) ? node[part] : undefined;
    if (!isNode(node)) break;
    if (typeof node['x-rule'] === 'string') rule = node['x-rule'];
    if (index < parts.length) parent = node;
  }
  return { ...(rule === undefined ? {} : { rule }), ...(parent ? { parent } : {}) };
}
