// The shapes the schema engine (src/schema/) hands out: errors shaped like ajv's in allErrors +
// verbose mode (the fields src/contracts/issues.ts and src/messages.ts read), a compiled schema, and
// the options of each entry: the engine's plug-ins (engine.ts), or everything plugged in (compile.ts).
import type { Formats } from './formats.ts';
import type { Check, Coercion, CompiledNode } from './node.ts';

/** One failed keyword, shaped like ajv's ErrorObject with `verbose` (minus `message` and `data`, which nothing reads). */
export interface SchemaError {
  /** JSON pointer into the instance: `/content/1/role`; `` for the root. */
  instancePath: string;
  /** URI-fragment pointer to the failed keyword: `#/properties/content/minItems`. */
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The failed keyword's value (`schema` in ajv's verbose errors). */
  schema: unknown;
  /** The schema object holding the keyword (`parentSchema` in ajv's verbose errors). */
  parentSchema: Record<string, unknown>;
}

export interface CompiledSchema {
  /** The verdict alone, stopping at the first failure (ajv with `allErrors: false`). */
  test(data: unknown): boolean;
  /** Every error, in ajv's order (ajv with `allErrors: true`); empty when the data is valid. */
  errors(data: unknown): SchemaError[];
}

/** The fused fail-fast predicate for data that is not coerced (verdict.ts's `compileTest`). */
export type VerdictOf = (schema: unknown) => (data: unknown) => boolean;

/** The engine's plug-ins (engine.ts `compileWith`): each is shipped only by a bundle that passes it. */
export interface EngineOptions {
  /**
   * Coerce text to the schema's scalar type as ajv's `coerceTypes: true` does (coerce.ts `coercion`,
   * for multipart bodies and query strings). Like ajv, a coerced value is written back into the
   * data: pass a copy. Left out, nothing is coerced.
   */
  coercion?: Coercion;
  /** The string formats the schema may name (formats.ts); a `format` not here fails at compile time. */
  formats?: Formats;
  /**
   * Deep equality (values.ts `deepEqual`) for an object or array in `const` or `enum`, as ajv compares
   * them; without it such a schema fails at compile time. The documents compare primitives only.
   */
  deepEqual?: (a: unknown, b: unknown) => boolean;
  /**
   * The document guard (guard.ts `guardSchema`), run on the schema before it is compiled: throws on
   * any keyword, type or keyword value the engine does not implement. Left out, the schema must have
   * been guarded before (scripts/bundle-contracts.ts guards every schema it generates).
   */
  guard?: (schema: unknown) => void;
  /**
   * Closures of their own for the common shapes of a schema node (engine.ts `shapedNode`), in place
   * of the generic loop, when nothing is coerced: the same answers, faster. A server passes it.
   */
  shapes?: (node: CompiledNode) => Check | undefined;
  /**
   * A fused fail-fast predicate for data that is not coerced (verdict.ts's `compileTest`), used by
   * `test` in place of running the checks fail-fast: about a quarter of the time on a valid Ark
   * create. The simulator and the CLI pass it (a server judges every request); a client leaves it
   * out, judging one body per submit, and so does not ship its code (about 1.4 KiB gzipped).
   */
  verdict?: VerdictOf;
}

/** compile.ts `compileSchema`: every format the documents use, and coercion when asked. */
export interface CompileOptions {
  /**
   * Coerce text to the schema's scalar type as ajv's `coerceTypes: true` does (for multipart bodies
   * and query strings). Like ajv, a coerced value is written back into the data: pass a copy.
   */
  coerceTypes?: boolean;
  /** See EngineOptions.verdict. */
  verdict?: VerdictOf;
}
