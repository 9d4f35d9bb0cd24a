// The contract checks generate no code at run time, so they run where a strict Content-Security-Policy
// or an edge runtime refuses `eval` and `new Function`. The client's contract is bundled (esbuild, as
// an app would) and run in a V8 context that refuses code generation from strings: its validators,
// compiled by ajv at generate time, judge the Ark create examples there; ajv compiling at run time
// is refused there (so the guard is real).
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
    // URL is a web API every runtime has (format uri is judged with it); a bare V8 context lacks it.
    { URL, schema: arkContract.operations.createTask.requestSchema, bodies: arkConformance.operations.createTask.requests.map((example) => example.body) },
    {
      codeGeneration: { strings: false, wasm: false },
    },
  );
  runInContext(script, context);
  return runInContext(check, context);
}

describe('no code generation at run time', () => {
  it("the client's Ark contract accepts the Ark create examples and words a refusal where eval and new Function are refused", async () => {
    const script = await bundled(`import { ark } from './src/dialects/ark.ts'; globalThis.contract = ark.contract;`);
    const verdicts = inStrictContext(script, `bodies.map((body) => contract.checkRequestBody('createTask', body).length === 0)`);
    expect(verdicts).toEqual(arkConformance.operations.createTask.requests.map(() => true));
    expect(inStrictContext(script, `contract.checkRequestBody('createTask', { model: '' }).map((issue) => issue.path).sort()`)).toEqual(['/content', '/model']);
  });

  it('ajv compiling at run time cannot work there', async () => {
    const script = await bundled(`import { Ajv2020 } from 'ajv/dist/2020.js'; globalThis.engine = (schema) => new Ajv2020({ strict: false }).compile(schema);`);
    expect(() => inStrictContext(script, `engine(schema)`)).toThrow(/Code generation from strings disallowed/);
  });
});
