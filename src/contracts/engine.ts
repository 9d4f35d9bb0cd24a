// How ajv is configured for the contracts, in one place: the generator compiles every request
// validator with it (codegen/validators.ts) and the command line checks gateway answers with it
// (cli/check/verdict.ts). Types only from ajv: importing this module loads no validator.
import type { Options } from 'ajv/dist/2020.js';

/**
 * The string formats the documents name. `uri` is judged by the WHATWG URL parser every runtime
 * ships; `binary` is OpenAPI's marker for a file part, whose bytes the file rules check.
 */
export const FORMATS = { uri: (value: string): boolean => URL.canParse(value), binary: true } as const;

/** The same formats as source code, for ajv's standalone output (a test holds the two equal). */
export const FORMATS_SOURCE = '{ uri: (value) => URL.canParse(value), binary: true }';

/** Keywords the documents add to JSON Schema, which ajv must know to accept in strict mode. */
export const VOCABULARY = ['x-rule'];

/** ajv's options: every error, worded from the documents (src/messages.ts) rather than ajv's English. */
export function engineOptions(coerceTypes: boolean): Options {
  return {
    allErrors: true,
    coerceTypes,
    messages: false,
    // An unknown keyword fails when a schema is compiled, so a document edit is never silently ignored.
    strictSchema: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
    formats: { ...FORMATS },
  };
}
