// Differential check: the client's verdict on a createTask wire body against the simulator's.
// Bodies are generated per dialect with fast-check from the documents' own request examples (valid
// and negative), then mutated near the rules: fields dropped or set to boundary and wrong-typed
// values, content items added, removed, duplicated or re-roled, file parts swapped for a PDF or
// sent as text. For each body the client's verdict (the dialect adapter's checkWire, what prepare runs)
// and the simulator's (an HTTP answer from an in-process simulator on loopback) must agree, and a
// refusal must name the same rules. Half the bodies come from scripts/differential/bodies.ts,
// which takes every field, enum and bound from the contract bundle and adds what the mutations here
// do not reach: content mixes around the mode/count rules (0..3 text items, 0..12 items per role),
// random JSON of any shape (arrays and scalars too), and forms with PNG, MP4, PDF or arbitrary
// bytes under fitting, misleading or empty file names, sent through the client's own serializer.
//   npx tsx scripts/differential.ts [runs per dialect, default 10000] [seed]
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { startSimulator } from '../mocks/simulator/server.ts';
import { contracts } from '../src/contracts/index.ts';
import { DIALECT_IDS, type DialectId } from '../generated/dialects.ts';
import { formDataBody } from '../src/http/raw-client.ts';
import { adapters } from '../src/dialects/index.ts';
import { loadContracts, loadOperations } from '../codegen/contract-loader.ts';
import { bodyFacts, wireBodies } from './differential/bodies.ts';

const FIXTURES = resolve(import.meta.dirname, '../mocks/fixtures');
const fixture = (name: string) => new File([readFileSync(resolve(FIXTURES, name))], name);

type Body = Record<string, unknown>;
export interface Verdict {
  accepted: boolean;
  rules: string[];
}

/** Values near the documented boundaries, and values of the wrong type. */
const VALUES: unknown[] = [
  undefined,
  null,
  '',
  'x',
  -2,
  -1,
  0,
  1,
  3,
  4,
  5,
  11,
  12,
  13,
  15,
  16,
  99,
  1.5,
  '5',
  true,
  false,
  [],
  {},
  [1],
  { a: 1 },
  '16:9',
  '9:16',
  'adaptive',
  'keep_ratio',
  '480p',
  '720p',
  '1080p',
  '4k',
  'flex',
  'default',
  29,
  30,
  121,
  289,
  293,
  3599,
  3600,
  259200,
  259201,
  'doubao-seedance-2-0-260128',
  'doubao-seedance-2-0-fast-260128',
  'doubao-seedance-1-5-pro-251215',
  'seedance2.0-720p',
  'seedance2.0-4k',
  'doubao-seedance-1-5-pro_720p',
  'edit_video',
  'reference_to_video',
  'https://example.com/a.png',
];
const ROLES = ['first_frame', 'last_frame', 'reference_image', 'reference_video', 'reference_audio', 'image', 'source_video', 'bogus', undefined];
const TYPES = ['text', 'image_url', 'video_url', 'audio_url', 'draft_task', 'image'];

type Mutation =
  | { op: 'set'; path: string[]; value: unknown }
  | { op: 'item'; kind: 'drop' | 'dup' | 'role' | 'type' | 'garbage'; index: number; role: unknown; type: string }
  | { op: 'file'; field: string; to: 'pdf' | 'text' | 'png' | 'drop' };

function fieldNames(dialect: DialectId, bases: Body[]): string[][] {
  const schema = contracts[dialect].operations.createTask?.requestSchema as
    | { properties?: Record<string, { properties?: Record<string, unknown> }> }
    | undefined;
  const names = new Set<string>([...Object.keys(schema?.properties ?? {}), ...bases.flatMap((body) => Object.keys(body))]);
  const paths = [...names].map((name) => [name]);
  for (const parent of ['metadata', 'extra_body']) {
    for (const child of Object.keys(schema?.properties?.[parent]?.properties ?? {})) paths.push([parent, child]);
  }
  return paths;
}

function mutationArbitrary(dialect: DialectId, bases: Body[]): fc.Arbitrary<Mutation> {
  const set = fc.record({ op: fc.constant('set' as const), path: fc.constantFrom(...fieldNames(dialect, bases)), value: fc.constantFrom(...VALUES) });
  const item = fc.record({
    op: fc.constant('item' as const),
    kind: fc.constantFrom('drop' as const, 'dup' as const, 'role' as const, 'type' as const, 'garbage' as const),
    index: fc.nat(12),
    role: fc.constantFrom(...ROLES),
    type: fc.constantFrom(...TYPES),
  });
  const encoding = Object.keys(contracts[dialect].operations.createTask?.requestEncoding ?? {});
  const file = encoding.length
    ? fc.record({
        op: fc.constant('file' as const),
        field: fc.constantFrom(...encoding),
        to: fc.constantFrom('pdf' as const, 'text' as const, 'png' as const, 'drop' as const),
      })
    : undefined;
  return file ? fc.oneof(set, item, file) : fc.oneof(set, item);
}

function setPath(body: Body, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (value === undefined) delete body[head];
    else body[head] = value;
    return;
  }
  const child = typeof body[head] === 'object' && body[head] !== null && !Array.isArray(body[head]) ? (body[head] as Body) : {};
  body[head] = child;
  setPath(child, rest, value);
}

function mutateItems(body: Body, mutation: Extract<Mutation, { op: 'item' }>): void {
  if (!Array.isArray(body.content)) return;
  const items = body.content as unknown[];
  const index = items.length === 0 ? 0 : mutation.index % items.length;
  const item = items[index];
  if (mutation.kind === 'drop') items.splice(index, 1);
  else if (mutation.kind === 'dup' && item !== undefined) items.splice(index, 0, structuredClone(item));
  else if (mutation.kind === 'garbage') items.splice(index, 0, mutation.role ?? null);
  else if (typeof item === 'object' && item !== null) {
    const record = item as Body;
    if (mutation.kind === 'role') {
      if (mutation.role === undefined) delete record.role;
      else record.role = mutation.role;
    } else record.type = mutation.type;
  }
}

function apply(base: Body, mutations: Mutation[]): Body {
  const body = structuredClone(base);
  for (const mutation of mutations) {
    if (mutation.op === 'set') setPath(body, mutation.path, mutation.value);
    else if (mutation.op === 'item') mutateItems(body, mutation);
    else if (mutation.to === 'drop') delete body[mutation.field];
    else body[mutation.field] = mutation.to === 'text' ? 'https://example.com/frame.png' : `${mutation.to === 'pdf' ? 'document.pdf' : 'first-frame.png'}`;
  }
  return body;
}

/** The documents' createTask examples (valid, or negative): the seeds every body grows from. */
function baseBodies(dialect: DialectId, which: 'requests' | 'invalid'): Body[] {
  const contract = loadContracts().find((candidate) => candidate.dialect === dialect);
  const operation = contract && loadOperations(contract).find((candidate) => candidate.operationId === 'createTask');
  return (operation?.[which] ?? []).map((example) => example.body).filter((body): body is Body => typeof body === 'object' && body !== null);
}

/** Near-valid bodies (a valid example and at most one change) twice as often as freely mutated ones; as many again from the contract-derived generator. */
function bodyArbitrary(dialect: DialectId): fc.Arbitrary<unknown> {
  const valid = baseBodies(dialect, 'requests');
  const all = [...valid, ...baseBodies(dialect, 'invalid')];
  const mutations = mutationArbitrary(dialect, all);
  const grow = (bases: Body[], most: number) =>
    fc.tuple(fc.constantFrom(...bases), fc.array(mutations, { maxLength: most })).map(([base, changes]) => apply(base, changes));
  return fc.oneof({ weight: 2, arbitrary: grow(valid, 1) }, { weight: 1, arbitrary: grow(all, 3) }, { weight: 3, arbitrary: wireBodies(bodyFacts(dialect)) });
}

/** File fields named after a fixture become that file, as the conformance suite uploads them. */
function withFiles(dialect: DialectId, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const encoding = contracts[dialect].operations.createTask?.requestEncoding ?? {};
  return Object.fromEntries(
    Object.entries(body).map(([name, value]) => [
      name,
      name in encoding && (value === 'document.pdf' || String(value).endsWith('frame.png')) && !String(value).startsWith('http')
        ? fixture(String(value))
        : value,
    ]),
  );
}

export async function clientVerdict(dialect: DialectId, body: unknown): Promise<Verdict> {
  // The dialect adapter's own check, what prepare and submit run (its schema interpreted, not ajv's
  // compiled validator the simulator runs). A JSON body goes to the schema as it is, so a generated
  // array or scalar is judged as sent (multipart bodies are always objects).
  const issues = await adapters[dialect].checkWire(withFiles(dialect, body) as Body);
  return { accepted: issues.length === 0, rules: [...new Set(issues.map((issue) => issue.rule))].sort() };
}

function requestInit(dialect: DialectId, body: unknown): RequestInit {
  const headers = { authorization: 'Bearer sk-differential' };
  if (contracts[dialect].operations.createTask?.requestMediaType !== 'multipart/form-data') {
    return { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(body) };
  }
  // Serialised by the client's own multipart serializer, so the wire is what the client would send.
  return { method: 'POST', headers, body: formDataBody(withFiles(dialect, body)) };
}

export async function simulatorVerdict(baseUrl: string, dialect: DialectId, body: unknown): Promise<Verdict> {
  const path = contracts[dialect].operations.createTask?.path ?? '';
  const response = await fetch(`${baseUrl}${path}`, requestInit(dialect, body));
  const text = await response.text();
  if (response.ok) return { accepted: true, rules: [] };
  // Each issue ends with its rule in brackets: `path: message [rule]`, joined by `; ` (a bracket
  // inside a message, such as a pattern's `[a-z]`, is not followed by one of these).
  const rules = [...new Set([...text.matchAll(/\[([a-z][a-zA-Z0-9]*(?:-[a-zA-Z0-9]+)*)\](?=;| Request id|\\?"|$)/g)].map((match) => match[1] ?? ''))].sort();
  return { accepted: false, rules: rules.length ? rules : [`http-${response.status}`] };
}

export interface DifferentialResult {
  dialect: DialectId;
  runs: number;
  refused: number;
  accepted: number;
  disagreements: Array<{ body: unknown; client: Verdict; simulator: Verdict }>;
}

/** Runs `runs` generated bodies per dialect through both; returns the disagreements (the goal is none). */
const IN_FLIGHT = 16;

/** `judge` over every item with at most IN_FLIGHT running at once; results keep the items' order. */
async function mapInFlight<T, R>(items: readonly T[], judge: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < items.length) {
      const index = next++;
      results[index] = await judge(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, lane));
  return results;
}

export async function runDifferential(runs: number, seed = 20261126): Promise<DifferentialResult[]> {
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', lifecycle: { queuedMs: 60_000, runningMs: 60_000 }, limits: { maxTasks: 1_000_000 } });
  try {
    const results: DifferentialResult[] = [];
    for (const dialect of DIALECT_IDS.filter((id) => !process.env.DIFFERENTIAL_DIALECTS || process.env.DIFFERENTIAL_DIALECTS.split(',').includes(id))) {
      const result: DifferentialResult = { dialect, runs, accepted: 0, refused: 0, disagreements: [] };
      const samples = fc.sample(bodyArbitrary(dialect), { numRuns: runs, seed });
      // Judged IN_FLIGHT at a time (each body waits on a loopback round trip), then tallied in sample order.
      const verdicts = await mapInFlight(samples, async (body) => ({
        body,
        client: await clientVerdict(dialect, body),
        simulator: await simulatorVerdict(sim.urls[dialect], dialect, body),
      }));
      for (const { body, client, simulator } of verdicts) {
        if (client.accepted) result.accepted++;
        else result.refused++;
        if (client.accepted !== simulator.accepted || client.rules.join() !== simulator.rules.join()) result.disagreements.push({ body, client, simulator });
      }
      results.push(result);
    }
    return results;
  } finally {
    await sim.close();
  }
}

/** Files print as their name, type and size; everything else as JSON. */
function printable(body: unknown): string {
  const text = JSON.stringify(body, (_key, value: unknown) =>
    value instanceof File ? `<File ${JSON.stringify(value.name)} ${value.type || '-'} ${value.size} B>` : value,
  );
  return (text ?? String(body)).slice(0, 400);
}

/** The smallest body fast-check shrinks a disagreement to, for the report. */
async function shrunkDisagreement(dialect: DialectId, runs: number, seed: number): Promise<unknown> {
  const sim = await startSimulator({ port: 0, host: '127.0.0.1', lifecycle: { queuedMs: 60_000, runningMs: 60_000 }, limits: { maxTasks: 1_000_000 } });
  try {
    const agree = async (body: unknown) => {
      const [client, simulator] = [await clientVerdict(dialect, body), await simulatorVerdict(sim.urls[dialect], dialect, body)];
      return client.accepted === simulator.accepted && client.rules.join() === simulator.rules.join();
    };
    return (await fc.check(fc.asyncProperty(bodyArbitrary(dialect), agree), { numRuns: runs, seed })).counterexample?.[0];
  } finally {
    await sim.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const runs = Number(process.argv[2] ?? 10_000);
  const seed = Number(process.argv[3] ?? 20261126);
  const started = Date.now();
  const results = await runDifferential(runs, seed);
  for (const result of results) {
    console.log(
      `${result.dialect}: ${result.runs} bodies, ${result.accepted} accepted, ${result.refused} refused, ${result.disagreements.length} disagreements`,
    );
    for (const { client, simulator, body } of result.disagreements.slice(0, 3)) {
      console.log(`  client ${JSON.stringify(client)}\n  simulator ${JSON.stringify(simulator)}\n  body ${printable(body)}`);
    }
    if (result.disagreements.length > 0) console.log(`  shrunk: ${printable(await shrunkDisagreement(result.dialect, runs, seed))}`);
  }
  const total = results.reduce((sum, result) => sum + result.disagreements.length, 0);
  console.log(`total: ${results.length * runs} bodies, ${total} disagreements, seed ${seed}, ${((Date.now() - started) / 1000).toFixed(1)} s`);
  process.exit(total === 0 ? 0 : 1);
}
