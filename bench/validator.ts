// Cost of the request-body check the client runs on every submit and the simulator on every create:
// the validators ajv compiled at generate time (generated/<dialect>.validate.ts, no code evaluated at
// run time) against ajv compiling the same schema at run time (what a server could use, not a
// browser under a strict CSP) and @cfworker/json-schema (the eval-free interpreter made for edge
// runtimes, the other candidate for the client), in one process, rounds alternating (the fastest of
// each kept), on the Ark document's own createTask examples. The ratios are printed.
//   npx tsx bench/validator.ts
import { pathToFileURL } from 'node:url';
import { Validator } from '@cfworker/json-schema';
import { Ajv2020 } from 'ajv/dist/2020.js';
import arkConformance from '../generated/ark.conformance.json' with { type: 'json' };
import arkContract from '../generated/ark.contract.json' with { type: 'json' };
import { createTaskBody } from '../generated/ark.validate.ts';
import { engineOptions, VOCABULARY } from '../src/contracts/engine.ts';

type Check = (body: unknown) => unknown;

/**
 * Microseconds of this process's CPU time per call over `calls` calls spread across the bodies: CPU
 * time, not wall time, since on a shared machine the wall clock also counts the neighbours' turns.
 */
function timed(check: Check, bodies: unknown[], calls: number): number {
  const start = process.cpuUsage();
  for (let index = 0; index < calls; index++) check(bodies[index % bodies.length]);
  const used = process.cpuUsage(start);
  return (used.user + used.system) / calls;
}

export async function benchValidator(): Promise<void> {
  const schema = arkContract.operations.createTask.requestSchema;
  const valid = arkConformance.operations.createTask.requests.map((example) => example.body as unknown);
  const invalid = arkConformance.operations.createTask.invalid.filter((example) => example.location === 'body').map((example) => example.body as unknown);
  const ajv = new Ajv2020(engineOptions(false));
  ajv.addVocabulary(VOCABULARY);
  const runtime = ajv.compile(schema);
  const cfworker = new Validator(schema as Record<string, unknown>, '2020-12', false);
  if (!valid.every((body) => createTaskBody(body) && runtime(body) && cfworker.validate(body).valid)) throw new Error('an Ark createTask example is refused');
  const engines: Array<[string, Check]> = [
    ['generated (ajv standalone)', (body) => createTaskBody(body)],
    ['ajv compiled at run time', (body) => runtime(body)],
    ['@cfworker/json-schema', (body) => cfworker.validate(body)],
  ];
  console.log(`\n## Request-body validation, every error (${valid.length} valid, ${invalid.length} invalid documented Ark examples), µs of CPU per body`);
  for (const [what, bodies, calls] of [
    ['valid', valid, 20_000],
    ['invalid', invalid, 20_000],
  ] as const) {
    const best = engines.map(([name, check]) => {
      timed(check, bodies, calls / 10);
      return { name, us: Math.min(...Array.from({ length: 5 }, () => timed(check, bodies, calls / 5))) };
    });
    const base = best[0]!.us;
    console.log(`  ${what.padEnd(8)} ${best.map(({ name, us }) => `${name} ${us.toFixed(2)} µs (${(us / base).toFixed(1)}x)`).join('   ')}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchValidator();
