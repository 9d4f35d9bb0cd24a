// The shapes the schema engine (src/schema/) hands out: errors shaped like ajv's in allErrors +
// verbose mode (the fields src/contracts/issues.ts and src/messages.ts read), and a compiled schema.

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

export interface CompileOptions {
  /**
   * Coerce text to the schema's scalar type as ajv's `coerceTypes: true` does (for multipart bodies
   * and query strings). Like ajv, a coerced value is written back into the data: pass a copy.
   */
  coerceTypes?: boolean;
  /**
   * A fused fail-fast predicate for data that is not coerced (verdict.ts's `compileTest`), used by
   * `test` in place of running the checks fail-fast: about a quarter of the time on a valid Ark
   * create. The simulator and the CLI pass it (a server judges every request); a client leaves it
   * out, judging one body per submit, and so does not ship its code (about 1.4 KiB gzipped).
   */
  verdict?: (schema: unknown) => (data: unknown) => boolean;
}
