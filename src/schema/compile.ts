// The schema engine (engine.ts) with every plug-in at hand: the document guard, the formats the
// documents use, deep equality, the shaped nodes, and ajv's coercion when `coerceTypes` is set. The CLI, the benches and the tests compile through it;
// a dialect's contract (src/contracts/) calls the engine with only the plug-ins its schema needs,
// so a client bundle carries no code its checks never run.
import { coercion } from './coerce.ts';
import { compileWith, shapedNode } from './engine.ts';
import { FORMATS } from './formats.ts';
import { guardSchema } from './guard.ts';
import type { CompiledSchema, CompileOptions } from './types.ts';
import { deepEqual } from './values.ts';

export { SchemaCompileError } from './node.ts';
export type { CompiledSchema, CompileOptions, SchemaError } from './types.ts';

/** Compiles a schema once; `test` and `errors` may then be called any number of times. Throws SchemaCompileError on anything unsupported. */
export function compileSchema(schema: unknown, { coerceTypes, verdict }: CompileOptions = {}): CompiledSchema {
  return compileWith(schema, { guard: guardSchema, formats: FORMATS, deepEqual, shapes: shapedNode, verdict, ...(coerceTypes ? { coercion } : {}) });
}
