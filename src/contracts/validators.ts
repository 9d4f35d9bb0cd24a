// The JSON Schema validators the contract checks run. OpenAPI 3.1 schemas are JSON Schema 2020-12,
// so they are compiled with ajv's 2020-12 engine: counts (`minContains`/`maxContains`) and
// exclusivity rules that draft-07 cannot state are enforced. The engines are made on first use and
// shared by every dialect's contract.
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

export type { ValidateFunction };

/** A 2020-12 engine with Prism's tolerance (every error, unknown keywords and formats allowed); `verbose` keeps each error's schema for the wording. */
function engine(options: { allErrors: boolean; coerceTypes: boolean }): Ajv2020 {
  const instance = new Ajv2020({ strict: false, allowUnionTypes: true, allowMatchingProperties: true, verbose: options.allErrors, ...options });
  addFormats(instance);
  instance.addFormat('binary', true);
  return instance;
}

const engines = new Map<string, Ajv2020>();
function engineFor(allErrors: boolean, coerceTypes: boolean): Ajv2020 {
  const key = `${allErrors} ${coerceTypes}`;
  let instance = engines.get(key);
  if (!instance) {
    instance = engine({ allErrors, coerceTypes });
    engines.set(key, instance);
  }
  return instance;
}

/**
 * Every error, each with its schema (for the wording). Multipart bodies and query strings arrive as
 * text and are coerced (`coerce`), as Prism does; JSON bodies are not.
 */
export function compileFull(schema: object, coerce: boolean): ValidateFunction {
  return engineFor(true, coerce).compile(schema);
}

/**
 * The verdict alone: stops at the first error and keeps no schema in it. Valid or not is the same
 * answer as the full validator's (allErrors and verbose change only what is reported), at about a
 * third of the cost on a valid Ark create; the full validator runs only to word a refusal.
 */
export function compileVerdict(schema: object): ValidateFunction {
  return engineFor(false, false).compile(schema);
}
