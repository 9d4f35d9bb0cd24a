// The shared vocabulary of the compiled closures: a Check validates the data at one place of the
// instance. `errors` is where errors go in allErrors mode; undefined means fail-fast with no errors
// kept (ajv's `allErrors: false`, and its `createErrors: false` inside `not` and `if`). `holder[key]`
// is where the data sits, so a coercion can write the coerced value back as ajv does.
import type { SchemaError } from './types.ts';

export type Holder = Record<string | number, unknown>;
export type Errors = SchemaError[] | undefined;
export type Check = (data: unknown, holder: Holder, key: string | number, path: string, errors: Errors) => boolean;

/** What compiling one schema object needs to know. */
export interface Site {
  schema: Record<string, unknown>;
  /** Where the schema sits, as ajv's errSchemaPath (`#/properties/content`). */
  at: string;
  coerce: boolean;
}

/** Records a failed keyword (when errors are kept); always false, so a check can `return ok || report(...)`. */
export function report(errors: Errors, site: Site, keyword: string, path: string, params: Record<string, unknown>, value?: unknown): false {
  errors?.push({
    instancePath: path,
    schemaPath: `${site.at}/${keyword}`,
    keyword,
    params,
    schema: value === undefined ? site.schema[keyword] : value,
    parentSchema: site.schema,
  });
  return false;
}

/** The path of a child in the instance; only built when errors are kept. */
export const childPath = (errors: Errors, path: string, segment: string | number) => (errors ? `${path}/${segment}` : '');

export class SchemaCompileError extends Error {
  override name = 'SchemaCompileError';
}
