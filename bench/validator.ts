// Cost of the request-body verdict the simulator takes on every create (src/rules.ts checkWireBody
// -> checkRequestBody): the contracts' own engine (src/schema/) against ajv 8 configured as
// src/contract.ts used it (Ajv2020, fail-fast verdict; allErrors + verbose to word a refusal), in one
// process, nine rounds alternating (the fastest of each kept), on the Ark document's own createTask
// examples. The ratio is printed.
//   npx tsx bench/validator.ts
import { pathToFileURL } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import arkConformance from '../generated/ark.conformance.json' with { type: 'json' };
import arkContract from '../generated/ark.contract.json' with { type: 'json' };
import { compileSchema } from '../src/schema/compile.ts';
import { compileWith } from '../src/schema/engine.ts';
import { uri } from '../src/schema/formats.ts';
import { compileTest } from '../src/schema/verdict.ts';

type Check = (body: unknown) => unknown;

function ajvEngine(allErrors: boolean): Ajv2020 {
  const engine = new Ajv2020({ allErrors, strict: false, allowUnionTypes: true, allowMatchingProperties: true, verbose: allErrors });
  addFormats(engine);
  engine.addFormat('binary', true);
  return engine;
}

/**
 * Nanoseconds of this process's CPU time per call over `calls` calls spread across the bodies: CPU
 * time, not wall time, since on a shared machine the wall clock also counts the neighbours' turns.
 */
function timed(check: Check, bodies: unknown[], calls: number): number {
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index++) check(bodies[index % bodies.length]);
  const used = process.cpuUsage(start);
  return ((used.user + used.system) * 1e3) / calls;
}

export async function benchValidator(): Promise<void> {
  const schema = arkContract.operations.createTask.requestSchema;
  const valid = arkConformance.operations.createTask.requests.map((example) => example.body as unknown);
  const invalid = arkConformance.operations.createTask.invalid.filter((example) => example.location === 'body').map((example) => example.body as unknown);
  const ajvVerdict = ajvEngine(false).compile(schema);
  const ajvFull = ajvEngine(true).compile(schema);
  // The simulator's engine (with the fused verdict) and the client's (the checks run fail-fast, with
  // only the plug-ins src/contracts/ark.ts passes: the generic nodes, no guard).
  const ours = compileSchema(schema, { verdict: compileTest });
  const client = compileWith(schema, { formats: { uri } });
  if (!valid.every((body) => ajvVerdict(body) && ours.test(body) && client.test(body))) throw new Error('an Ark createTask example is refused');
  const cases: Array<[string, Check, Check, unknown[]]> = [
    ['verdict, valid Ark creates (simulator)', (body) => ajvVerdict(body), (body) => ours.test(body), valid],
    ['verdict, valid Ark creates (client)', (body) => ajvVerdict(body), (body) => client.test(body), valid],
    ['every error, invalid Ark creates', (body) => ajvFull(body) || ajvFull.errors, (body) => ours.errors(body), invalid],
  ];
  console.log(`\n## Request-body validation: src/schema/ vs ajv (${valid.length} valid, ${invalid.length} invalid documented examples)`);
  for (const [name, ajvCheck, ourCheck, bodies] of cases) {
    const results = { ajv: [] as number[], ours: [] as number[] };
    timed(ajvCheck, bodies, 50_000);
    timed(ourCheck, bodies, 50_000);
    for (let round = 0; round < 9; round++) {
      results.ajv.push(timed(ajvCheck, bodies, 100_000));
      results.ours.push(timed(ourCheck, bodies, 100_000));
    }
    // The fastest of the rounds: on a shared machine the slower ones measure the neighbours.
    const [ajvNs, ourNs] = [Math.min(...results.ajv), Math.min(...results.ours)];
    console.log(
      `  ${name.padEnd(40)} ajv ${(ajvNs / 1000).toFixed(3)} µs   src/schema ${(ourNs / 1000).toFixed(3)} µs   ${(ourNs / ajvNs).toFixed(2)}x ajv's time`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchValidator();
