// The contract checks generate no code at run time, so they run where a strict Content-Security-Policy
// or an edge runtime refuses `eval` and `new Function`. Each engine is bundled (esbuild, as an app
// would) and run in a V8 context that refuses code generation from strings: src/schema/ compiles and
// judges the Ark create schema there; ajv, which it replaced, is refused (so the guard is real).
import { runInContext, createContext } from 'node:vm';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import arkConformance from '../../generated/ark.conformance.json' with { type: 'json' };
import arkContract from '../../generated/ark.contract.json' with { type: 'json' };

const ROOT = new URL('../..', import.meta.url).pathname;

/** A script that defines `globalThis.engine` from one module, bundled for the browser. */
async function bundled(source: string): Promise<string> {
  const result = await build({
    stdin: { contents: source, resolveDir: ROOT, loader: 'ts' },
    bundle: true,
    format: 'iife',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** Runs the script in a context where `eval` and `new Function` throw, then the check over it. */
function inStrictContext(script: string, check: string): unknown {
  const context = createContext(
    { schema: arkContract.operations.createTask.requestSchema, bodies: arkConformance.operations.createTask.requests.map((example) => example.body) },
    {
      codeGeneration: { strings: false, wasm: false },
    },
  );
  runInContext(script, context);
  return runInContext(check, context);
}

describe('no code generation at run time', () => {
  it('src/schema/ compiles the Ark create schema and accepts its examples where eval and new Function are refused', async () => {
    const script = await bundled(`import { compileSchema } from './src/schema/compile.ts'; globalThis.engine = compileSchema;`);
    const verdicts = inStrictContext(
      script,
      `(() => { const compiled = engine(schema); return bodies.map((body) => compiled.test(body) && compiled.errors(body).length === 0); })()`,
    );
    expect(verdicts).toEqual(arkConformance.operations.createTask.requests.map(() => true));
    expect(inStrictContext(script, `engine(schema).errors({ model: '' }).map((error) => error.keyword)`)).toContain('minLength');
  });

  it('ajv, which it replaced, cannot compile there', async () => {
    const script = await bundled(`import { Ajv2020 } from 'ajv/dist/2020.js'; globalThis.engine = (schema) => new Ajv2020({ strict: false }).compile(schema);`);
    expect(() => inStrictContext(script, `engine(schema)`)).toThrow(/Code generation from strings disallowed/);
  });
});
