// One judge of bytes: `seedance validate --wire` and the simulator give the same verdict on the same
// raw body, whatever the bytes. A fast-check differential (fixed seed) feeds both random bytes,
// BOMs, truncated and invalid UTF-8, nesting around the limit, huge numbers, JSON that is not an
// object, and valid and invalid creates: the same accept or refuse, the same rule ids, and for a
// refusal of the bytes themselves the same words. Counts go to reports/raw-bytes.json.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createSimulator, manualClock } from '../../mocks/simulator/index.ts';
import { runSeedance } from '../cli/support.ts';
import { MODELS } from '../support/dialects.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const SEED = 20_261_207;
const work = mkdtempSync(join(tmpdir(), 'seedance-bytes-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const DIALECTS = ['ark', 'unified-jobs'] as const;
type JsonDialect = (typeof DIALECTS)[number];
const CREATE: Record<JsonDialect, string> = { ark: '/ark/api/v3/contents/generations/tasks', 'unified-jobs': '/unified-jobs/v1/videos/generations' };
const sim = createSimulator({ clock: manualClock(), lifecycle: { queuedMs: 0, runningMs: 0 } });

interface Verdict {
  valid: boolean;
  rules: string[];
  /** The words of a refusal of the bytes themselves (not of a contract rule). */
  bytes?: string;
}

async function simulatorVerdict(dialect: JsonDialect, body: Uint8Array<ArrayBuffer>): Promise<Verdict> {
  sim.journal.clear();
  const response = await sim.fetch(
    new Request(`http://sim.test${CREATE[dialect]}`, { method: 'POST', headers: { authorization: 'Bearer k', 'content-type': 'application/json' }, body }),
  );
  const text = await response.text();
  expect(response.status, text).toBeLessThan(500);
  if (response.status === 200) return { valid: true, rules: [] };
  expect(response.status, text).toBe(400);
  const rules = sim.journal.entries()[0]?.verdict.rules ?? [];
  const message = (JSON.parse(text) as { error: { message: string } }).error.message;
  return { valid: false, rules, ...(rules.length === 0 ? { bytes: message } : {}) };
}

let file = 0;
async function cliVerdict(dialect: JsonDialect, body: Uint8Array): Promise<Verdict> {
  const path = join(work, `body-${file++}.json`);
  writeFileSync(path, body);
  const run = await runSeedance(['validate', '--wire', '--dialect', dialect, '--json', path]);
  const event = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { event: string; issues?: Array<{ rule: string; message: string }> };
  if (run.code === 0) return { valid: true, rules: [] };
  expect(run.code, run.stdout + run.stderr).toBe(3);
  const issues = event.issues ?? [];
  if (issues[0]?.rule === 'wire-bytes') return { valid: false, rules: [], bytes: issues[0].message };
  return { valid: false, rules: issues.map((issue) => issue.rule) };
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const join8 = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));
const create = (extra = '') => `{"model":"${MODELS.ark}","duration":5,"content":[{"type":"text","text":"A kitten yawns ☕"}]${extra}}`;
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const bodies = fc.oneof(
  fc.uint8Array({ maxLength: 120 }).map((bytes) => ({ family: 'random bytes', bytes: new Uint8Array(bytes) })),
  fc.constantFrom(create(), create(',"ratio":"16:9"'), create(',"ratio":"2:1"'), create(',"duration":99'), '{}', '{"model":""}').map((text) => ({
    family: 'creates',
    bytes: utf8(text),
  })),
  fc.constantFrom(create(), '[]', '{"model":1}', 'x').map((text) => ({ family: 'BOM', bytes: join8(new Uint8Array([0xef, 0xbb, 0xbf]), utf8(text)) })),
  fc.integer({ min: 1, max: utf8(create()).length - 1 }).map((cut) => ({ family: 'truncated', bytes: utf8(create()).slice(0, cut) })),
  fc.constantFrom([0xc3, 0x28], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xff], [0x00]).map((bad) => ({
    family: 'bad UTF-8',
    bytes: join8(utf8(`{"model":"${MODELS.ark}","content":[{"type":"text","text":"`), new Uint8Array(bad), utf8('"}]}')),
  })),
  fc
    .tuple(fc.integer({ min: 55, max: 80 }), fc.boolean())
    .map(([depth, inside]) => ({ family: 'nesting', bytes: utf8(inside ? create(`,"extra":${nested(depth)}`) : nested(depth)) })),
  fc
    .constantFrom('1e400', '-1e400', '123456789012345678901234567890', '1e-400', '-0', '5.0000000000000000001', '4.9999999999999999999')
    .map((number) => ({ family: 'huge numbers', bytes: utf8(create(`,"seed":${number}`).replace('"duration":5', `"duration":${number}`)) })),
  fc.json({ maxDepth: 3 }).map((text) => ({ family: 'any JSON', bytes: utf8(text) })),
);

describe('validate --wire and the simulator judge raw bytes alike', () => {
  it('agree on every generated body: verdict, rule ids, and the words of a refusal of the bytes', async () => {
    const families: Record<string, number> = {};
    let disagreements = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom(...DIALECTS), async ({ family, bytes }, dialect) => {
        families[family] = (families[family] ?? 0) + 1;
        const [simulator, cli] = [await simulatorVerdict(dialect, bytes), await cliVerdict(dialect, bytes)];
        if (simulator.valid) accepted++;
        const agree =
          simulator.valid === cli.valid && simulator.rules.join() === cli.rules.join() && (cli.bytes === undefined) === (simulator.bytes === undefined);
        const sameWords = cli.bytes === undefined || simulator.bytes?.includes(cli.bytes) === true;
        if (!agree || !sameWords) disagreements++;
        expect({ family, dialect, ...cli, bytes: cli.bytes }).toEqual({ family, dialect, ...simulator, bytes: sameWords ? cli.bytes : simulator.bytes });
      }),
      { numRuns: 1_000, seed: SEED },
    );
    mkdirSync(resolve(ROOT, 'reports'), { recursive: true });
    writeFileSync(resolve(ROOT, 'reports/raw-bytes.json'), `${JSON.stringify({ seed: SEED, bodies: 1_000, accepted, disagreements, families }, null, 2)}\n`);
    expect(disagreements).toBe(0);
    // Both verdicts came up: the generator is not all refusals.
    expect(accepted).toBeGreaterThan(5);
  }, 300_000);
});
