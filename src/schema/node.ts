// The shared vocabulary of the compiled closures: a Check validates the data at one place of the
// instance. `errors` is where errors go in allErrors mode; undefined means fail-fast with no errors
// kept (ajv's `allErrors: false`, and its `createErrors: false` inside `not` and `if`). `holder[key]`
// is where the data sits, so a coercion can write the coerced value back as ajv does.
import type { Formats } from './formats.ts';
import type { SchemaError } from './types.ts';
import type { JsonType } from './values.ts';

export type Holder = Record<string | number, unknown>;
export type Errors = SchemaError[] | undefined;
export type Check = (data: unknown, holder: Holder, key: string | number, path: string, errors: Errors) => boolean;

/** What compiling one schema object needs to know. */
export interface Site {
  schema: Record<string, unknown>;
  /** Where the schema sits, as ajv's errSchemaPath (`#/properties/content`). */
  at: string;
  coerce: boolean;
  /** The string formats known (the `format` keyword of any other fails at compile time). */
  formats: Formats;
  /** Deep equality for an object or array in const or enum (values.ts `deepEqual`); without it such a schema fails at compile time. */
  deepEqual?: ((a: unknown, b: unknown) => boolean) | undefined;
}

/** The checks of one keyword group (any type, or one type's keywords), as compile.ts runs them. */
export interface Group {
  test: ((data: unknown) => boolean) | undefined;
  checks: Check[];
  /** Report the schema's single type here when data is not of it (the type was not checked first). */
  typeError: boolean;
}

/** One schema object compiled into its groups, before it becomes a Check. */
export interface CompiledNode {
  site: Site;
  groups: Group[];
  typeFirst: boolean;
  hasType: (data: unknown) => boolean;
  typeParams: { type: unknown };
}

/**
 * ajv's `coerceTypes: true` as a plug-in (src/schema/coerce.ts): the types a schema's data may be
 * coerced to, and the node that follows ajv's order step by step, since what runs decides what is
 * coerced. Left out, nothing is coerced and its code is not shipped.
 */
export interface Coercion {
  targets(types: readonly JsonType[]): JsonType[];
  node(node: CompiledNode, targets: JsonType[]): Check;
}

/** Records a failed keyword (when errors are kept); always false, so a check can `return ok || report(...)`. */
export function report(errors: Errors, site: Site, keyword: string, path: string, params: Record<string, unknown>): false {
  errors?.push({ instancePath: path, schemaPath: `${site.at}/${keyword}`, keyword, params, schema: site.schema[keyword], parentSchema: site.schema });
  return false;
}

/** The path of a child in the instance; only built when errors are kept. */
export const childPath = (errors: Errors, path: string, segment: string | number) => (errors ? `${path}/${segment}` : '');

export class SchemaCompileError extends Error {
  override name = 'SchemaCompileError';
}
