// `seedance validate --wire` gives the verdict the simulator gives: both run src/contracts/index.ts on
// the body as sent. Differential check over every createTask example of the documents (valid and
// invalid, read from the generated conformance bundle): the CLI's verdict and rule ids must equal
// the ones in the simulator's answer to the same body on the wire.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformance } from '../../cli/check/bundle.ts';
import { contracts } from '../../src/contracts/index.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { runSeedance } from './support.ts';

const work = mkdtempSync(join(tmpdir(), 'seedance-wire-'));
let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(async () => {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
});

interface Verdict {
  valid: boolean;
  rules: string[];
}

/** mocks/fixtures, where the documents' multipart examples find the files they name. */
const FIXTURES = join(import.meta.dirname, '../../mocks/fixtures');

function bodies(dialect: DialectId): Array<{ name: string; body: Record<string, unknown> }> {
  const operation = conformance[dialect].operations.createTask;
  const invalid = operation?.invalid.filter((example) => example.location === 'body') ?? [];
  return [...(operation?.requests ?? []), ...invalid].map((example) => ({ name: example.name, body: example.body as Record<string, unknown> }));
}

/** The local file a multipart file field's example value names (a fixture), if any. */
function fixtureOf(value: unknown): string | undefined {
  const file = join(FIXTURES, String(value));
  return typeof value === 'string' && /^[\w.-]+$/.test(value) && existsSync(file) ? file : undefined;
}

/** The body file for the CLI: a file field names the fixture by its absolute path, so both sides judge the same bytes. */
function wireFileBody(dialect: DialectId, body: Record<string, unknown>): Record<string, unknown> {
  const encoding = contracts[dialect].operations.createTask?.requestEncoding ?? {};
  return Object.fromEntries(Object.entries(body).map(([name, value]) => [name, name in encoding ? (fixtureOf(value) ?? value) : value]));
}

/** The simulator's verdict on the body sent as the dialect sends it (a file field naming a fixture as that file, else as text). */
async function simulatorVerdict(dialect: DialectId, body: Record<string, unknown>): Promise<Verdict> {
  const operation = contracts[dialect].operations.createTask;
  const multipart = operation?.requestMediaType?.startsWith('multipart/') === true;
  const encoding = operation?.requestEncoding ?? {};
  let payload: BodyInit = JSON.stringify(body);
  if (multipart) {
    const form = new FormData();
    for (const [name, value] of Object.entries(body)) {
      const fixture = name in encoding ? fixtureOf(value) : undefined;
      form.append(name, fixture ? new File([readFileSync(fixture)], String(value)) : String(value));
    }
    payload = form;
  }
  const response = await fetch(`${sim.urls[dialect]}${operation?.path}`, {
    method: 'POST',
    headers: { authorization: 'Bearer k', ...(multipart ? {} : { 'content-type': 'application/json' }) },
    body: payload,
  });
  const text = await response.text();
  return { valid: response.ok, rules: [...new Set([...text.matchAll(/\[([a-z][a-z0-9-]*)\]/g)].map((match) => match[1] ?? ''))].sort() };
}

describe.each(DIALECT_IDS)('seedance validate --wire --dialect %s', (dialect) => {
  it('agrees with the simulator on every createTask example of the document: same verdict, same rule ids', async () => {
    const examples = bodies(dialect);
    const files = examples.map(({ name, body }) => {
      const file = join(work, `${dialect}-${name}.json`);
      writeFileSync(file, JSON.stringify(wireFileBody(dialect, body)));
      return file;
    });
    const run = await runSeedance(['validate', '--wire', '--dialect', dialect, '--json', ...files]);
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; file: string; issues?: Array<{ rule: string }> });
    expect(events).toHaveLength(examples.length);
    expect(run.code).toBe(events.some((event) => event.event === 'invalid') ? 3 : 0);
    for (const [index, { name, body }] of examples.entries()) {
      const cli: Verdict = { valid: events[index]?.event === 'valid', rules: [...new Set(events[index]?.issues?.map((issue) => issue.rule))].sort() };
      expect(cli, `${dialect} example "${name}"`).toEqual(await simulatorVerdict(dialect, body));
    }
  });
});

describe('seedance validate --wire, one file', () => {
  it('prints each issue with its field, the validator plain text and the rule, and exits 3', async () => {
    const file = join(work, 'bad-ark.json');
    writeFileSync(file, JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'x' }], duration: 99 }));
    const run = await runSeedance(['validate', '--wire', '--dialect', 'ark', file]);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/^invalid request for ark:$/m);
    expect(run.stderr).toMatch(/^ {2}\/duration: duration must be between 4 and 15 \[duration-range\]$/m);
  });

  it('needs --dialect, and names the dialects (exit 2)', async () => {
    const run = await runSeedance(['validate', '--wire', join(work, 'bad-ark.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--wire needs --dialect (one of ${DIALECT_IDS.join(', ')})`);
  });
});
