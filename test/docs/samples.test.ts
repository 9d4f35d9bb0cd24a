// The code samples of the reference pages (scripts/docs-samples.ts) do what they show: every curl
// sample runs, as printed, against `seedance start` and gets the status the documents give its
// example; every TypeScript sample type-checks (tsc --strict) against the built package, the way an
// integrator's project imports it; and the client sample's canonical request is the one the
// client turns into the documented example, where the sample says so (the simulator's journal
// shows what arrived).
import { execFile, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator } from '../../mocks/simulator/index.ts';
import {
  adapterCalls,
  canonicalFor,
  chooseExample,
  KEY_VARIABLE,
  type OperationSamples,
  SDK_SAMPLES,
  sampleBaseUrl,
  samplesFor,
} from '../../scripts/docs-samples.ts';
import { createClient, type DialectId, type VideoRequestInput } from '../../src/index.ts';
import { adapters } from '../../src/dialects/index.ts';
import { ROOT, spawnSeedance } from '../cli/support.ts';
import { type SourceDocument, loadContracts, loadOperations } from '../support/contracts.ts';

const run = promisify(execFile);
const CONTRACTS = loadContracts();
const DOCUMENTED = await Promise.all(CONTRACTS.map(async (contract) => ({ contract, operations: await samplesFor(contract) })));
const KEY = 'sk-docs-samples';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

describe('what every operation shows', () => {
  it.each(DOCUMENTED.map(({ contract, operations }) => [contract.dialect, operations] as const))(
    '%s: curl and createRawClient on every operation, createClient where the client sends it, the key never in a sample',
    async (dialect, operations) => {
      const calls = await adapterCalls(dialect as DialectId);
      expect(operations.map((operation) => operation.operationId)).toEqual(
        loadOperations(CONTRACTS.find((c) => c.dialect === dialect)!).map((o) => o.operationId),
      );
      for (const operation of operations) {
        const labels = operation.samples.map((sample) => sample.label);
        expect(labels.slice(0, 1), operation.operationId).toEqual(['curl']);
        expect(labels, operation.operationId).toContain('createRawClient');
        const call = calls.get(`${operation.method} ${operation.path}`);
        if (call === 'submit' || call === 'get' || call === 'deleteTask') expect(labels, operation.operationId).toContain('createClient');
        else expect(labels, operation.operationId).not.toContain('createClient');
        for (const sample of operation.samples) {
          expect(sample.source, `${operation.operationId} ${sample.label}`).toMatch(
            sample.lang === 'Shell' ? /"Authorization: Bearer \$SEEDANCE_API_KEY"/ : /process\.env\.SEEDANCE_API_KEY/,
          );
          expect(sample.source).not.toMatch(/Bearer (?!\$)|sk-[A-Za-z0-9]/);
        }
      }
    },
  );

  it('an SDK sample is registered only for a dialect the documents define', () => {
    const dialects = CONTRACTS.map((contract) => contract.dialect);
    for (const dialect of Object.keys(SDK_SAMPLES)) expect(dialects).toContain(dialect);
  });

  it('the SDK samples: the AI SDK on the ark submit, the OpenAI SDK on every multipart-videos operation, the OpenRouter SDK on every openrouter one', () => {
    const labelsOf = (dialect: string) =>
      DOCUMENTED.find(({ contract }) => contract.dialect === dialect)?.operations.map((operation) => operation.samples.map((sample) => sample.label));
    expect(labelsOf('ark')?.filter((labels) => labels.includes('AI SDK'))).toHaveLength(1);
    for (const labels of labelsOf('multipart-videos') ?? []) expect(labels).toContain('OpenAI SDK');
    expect(labelsOf('openrouter')?.length).toBeGreaterThan(0);
    for (const labels of labelsOf('openrouter') ?? []) expect(labels).toContain('OpenRouter SDK');
    // Each SDK sample was run against a fetch that recorded its request: none had to say it cannot send the shown example.
    const sdkSamples = DOCUMENTED.flatMap(({ operations }) =>
      operations.flatMap((operation) => operation.samples.filter((sample) => /SDK/.test(sample.label))),
    );
    for (const sample of sdkSamples) expect(sample.source).not.toMatch(/cannot send this example exactly/);
  });

  it("samples send to the document's first server, its variables at their defaults", () => {
    for (const { contract, operations } of DOCUMENTED) {
      const base = sampleBaseUrl(contract.document);
      expect(base).not.toMatch(/[{}]/);
      for (const operation of operations) expect(operation.samples[0]?.source).toContain(`${base}${operation.path.split('{')[0]}`);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The client sample's canonical request

/** Every createTask-like example of every document: what the client is asked to reproduce. */
const SUBMIT_EXAMPLES = await Promise.all(
  CONTRACTS.map(async (contract) => {
    const dialect = contract.dialect as DialectId;
    const calls = await adapterCalls(dialect);
    const submit = loadOperations(contract).find((operation) => calls.get(`${operation.method} ${operation.path}`) === 'submit');
    if (!submit) throw new Error(`${dialect}: the client submits to no documented operation`);
    const { fileFields } = chooseExample(submit);
    return submit.requests.map((request) => ({ dialect, name: request.name, body: request.body, fileFields }));
  }),
).then((lists) => lists.flat());

describe("the createClient sample's request", () => {
  /** The body a simulator without a socket received from the client, and its verdict. */
  async function sentThroughClient(request: VideoRequestInput): Promise<{ outcome: string | undefined; body: Record<string, unknown> }> {
    const sim = createSimulator({ lifecycle: { queuedMs: 0, runningMs: 0 } });
    const client = createClient({ baseUrl: sim.urls, apiKey: KEY, fetch: sim.fetch, clock: sim.clock });
    await client.submit(request);
    const [entry] = sim.journal.entries();
    return { outcome: entry?.verdict.outcome, body: entry?.body as Record<string, unknown> };
  }

  // Each documented example: what the journal recorded is what the client sent.
  it.each(SUBMIT_EXAMPLES.map((example) => [`${example.dialect} ${example.name}`, example] as const))(
    '%s: where the search says exact, the client sends the example itself; otherwise it names the differences',
    async (_, { dialect, body, fileFields }) => {
      const match = await canonicalFor(dialect, body, fileFields);
      if (!match.exact) {
        expect(match.differences.length).toBeGreaterThan(0);
        return;
      }
      const sent = await sentThroughClient(match.request);
      expect(sent.outcome).toBe('accepted');
      // Multipart: fields arrive as text, files as their name, type and size.
      const expected =
        fileFields.length > 0 && isObject(body)
          ? Object.fromEntries(
              Object.entries(body)
                .filter(([key]) => !fileFields.includes(key))
                .map(([key, value]) => [key, String(value)]),
            )
          : body;
      const received = fileFields.length > 0 ? Object.fromEntries(Object.entries(sent.body).filter(([key]) => !fileFields.includes(key))) : sent.body;
      expect(received).toEqual(expected);
      for (const field of fileFields) if (isObject(body) && field in body) expect(sent.body[field]).toMatchObject({ type: 'image/png' });
    },
  );

  it.each(
    DOCUMENTED.flatMap(({ contract, operations }) =>
      operations.filter((operation) => operation.canonical).map((operation) => [`${contract.dialect} ${operation.operationId}`, operation] as const),
    ),
  )('%s: the shown request is one the client sends and the simulator accepts', async (_, operation) => {
    expect((await sentThroughClient(operation.canonical!.request)).outcome).toBe('accepted');
  });

  it('the shown example of each submit is sent exactly, or the sample says why not and points at createRawClient', () => {
    for (const { operations } of DOCUMENTED) {
      for (const operation of operations.filter((candidate) => candidate.canonical)) {
        const client = operation.samples.find((sample) => sample.label === 'createClient')?.source ?? '';
        if (operation.canonical?.exact) expect(client).not.toMatch(/createRawClient/);
        else
          expect(client).toMatch(
            /No canonical request gives the documented example exactly \(.+\)\.\n\/\/ The createRawClient sample sends the example as documented\./,
          );
      }
    }
  });
});

// ---------------------------------------------------------------------------------------------
// curl against `seedance start`

let simulator: ChildProcess;
/** The simulator's base URL per dialect, as its banner prints them. */
const urls = new Map<string, string>();
let work: string;

beforeAll(async () => {
  // Tasks finish in 5 ms, so a download right after its submit finds the video ready.
  simulator = spawnSeedance(['start', '--port', '0', '--speed', '0.001', '--quiet']);
  await new Promise<void>((resolveStarted, reject) => {
    let banner = '';
    const timer = setTimeout(() => reject(new Error(`seedance start printed no banner in 30 s:\n${banner}`)), 30_000);
    simulator.stdout?.on('data', (chunk: Buffer) => {
      banner += chunk.toString();
      for (const [, dialect, url] of banner.matchAll(/^\s+(\S+)\s+(http:\/\/\S+)\s+\(native/gm)) urls.set(dialect!, url!);
      if (urls.size === CONTRACTS.length) {
        clearTimeout(timer);
        resolveStarted();
      }
    });
    simulator.once('exit', (code) => reject(new Error(`seedance start exited with ${code}:\n${banner}`)));
  });
  work = mkdtempSync(join(tmpdir(), 'seedance-docs-curl-'));
  // The files multipart examples name, from the fixtures they are named after.
  for (const name of ['first-frame.png', 'last-frame.png']) copyFileSync(join(ROOT, 'mocks/fixtures', name), join(work, name));
}, 60_000);

afterAll(() => {
  simulator?.kill();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Runs a curl sample as printed (real curl), with the status written after the body; returns both. */
async function runCurl(script: string): Promise<{ status: number; body: string }> {
  const wrapped = `curl() { command curl -sS -w '\\n%{http_code}' "$@"; }\n${script}`;
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', wrapped], {
    cwd: work,
    env: { ...process.env, [KEY_VARIABLE]: KEY },
    encoding: 'utf8',
    timeout: 30_000,
  });
  const lines = stdout.split('\n');
  return { status: Number(lines.at(-1)), body: lines.slice(0, -1).join('\n') };
}

/** Every string leaf of a JSON value, by JSON pointer. */
function stringLeaves(value: unknown, at = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[at, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => stringLeaves(item, `${at}/${index}`));
  if (isObject(value)) return Object.entries(value).flatMap(([key, member]) => stringLeaves(member, `${at}/${key}`));
  return [];
}

function at(value: unknown, pointer: string): unknown {
  return pointer
    .split('/')
    .slice(1)
    .reduce<unknown>((node, key) => (isObject(node) ? node[key] : Array.isArray(node) ? node[Number(key)] : undefined), value);
}

/**
 * A sample's script ready to run against the simulator: its base URL replaced, and the ids its
 * example names (which no simulator knows) replaced by live ones: a path parameter by a task the
 * dialect's own submit sample creates; a body value by what an operation documented before it
 * answers live where the documents show that operation answering the value (getAsset's task_id
 * comes from createAsset's answer, createAsset's GroupId from createAssetGroup's).
 */
async function runnable(contract: SourceDocument, operations: OperationSamples[], operation: OperationSamples): Promise<string> {
  const live = urls.get(contract.dialect)!;
  let script = operation.samples[0]!.source.replaceAll(sampleBaseUrl(contract.document), live);
  if (Object.keys(operation.example.path).length > 0) {
    const submit = operations.find((candidate) => candidate.canonical)!;
    const created = await runCurl(await runnable(contract, operations, submit));
    const id = adapters[contract.dialect as DialectId].taskIdOf(JSON.parse(created.body));
    for (const value of Object.values(operation.example.path))
      script = script.replaceAll(`/${encodeURIComponent(String(value))}`, `/${encodeURIComponent(String(id))}`);
  }
  const documented = loadOperations(contract);
  const earlier = documented.slice(
    0,
    documented.findIndex((candidate) => candidate.operationId === operation.operationId),
  );
  for (const [, value] of stringLeaves(operation.example.body)) {
    for (const other of earlier) {
      const answer = other.responses
        .filter((response) => /^2/.test(response.status))
        .flatMap((response) => stringLeaves(response.value))
        .find(([, answered]) => answered === value);
      if (!answer) continue;
      const source = operations.find((candidate) => candidate.operationId === other.operationId)!;
      const replacement = at(JSON.parse((await runCurl(await runnable(contract, operations, source))).body), answer[0]);
      if (typeof replacement === 'string') script = script.replaceAll(JSON.stringify(value), JSON.stringify(replacement));
      break;
    }
  }
  return script;
}

describe('curl samples against `seedance start`', () => {
  const cases = DOCUMENTED.flatMap(({ contract, operations }) =>
    operations.map((operation) => [`${contract.dialect} ${operation.operationId} (${operation.example.name})`, contract, operations, operation] as const),
  );

  it.each(cases)('%s gets the documented status', async (_, contract, operations, operation) => {
    const { status, body } = await runCurl(await runnable(contract, operations, operation));
    expect(status, body).toBe(operation.example.status);
    const output = /-o (\S+)$/.exec(operation.samples[0]!.source)?.[1];
    if (output) expect(readFileSync(join(work, output)).subarray(4, 8).toString('latin1')).toBe('ftyp');
  });
});

// ---------------------------------------------------------------------------------------------
// TypeScript samples, type-checked against the built package

describe('TypeScript samples type-check against the package (tsc --strict, module nodenext)', () => {
  // Written inside the repository, so `seedance-contracts` resolves to this package by its own name
  // (package.json `exports`, dist/), as it does from an integrator's node_modules.
  const files = DOCUMENTED.flatMap(({ contract, operations }) =>
    operations.flatMap((operation) =>
      operation.samples
        .filter((sample) => sample.lang === 'TypeScript')
        .map((sample) => ({ name: `${contract.dialect}-${operation.operationId}-${sample.label.replace(/\W+/g, '-')}.ts`, source: sample.source })),
    ),
  );
  let diagnostics: Promise<string>;
  let dir: string;

  beforeAll(() => {
    // Inside the repository, so the samples resolve the package's own node_modules; reports/ is not in a fresh clone.
    mkdirSync(join(ROOT, 'reports'), { recursive: true });
    dir = mkdtempSync(join(ROOT, 'reports', 'docs-samples-'));
    for (const file of files) writeFileSync(join(dir, file.name), file.source);
    const tsc = join(ROOT, 'node_modules/typescript/bin/tsc');
    // --skipLibCheck: the package's own declarations are checked by the consumer test; here only the samples are.
    const args = [
      tsc,
      '--strict',
      '--noEmit',
      '--skipLibCheck',
      '--module',
      'nodenext',
      '--target',
      'es2022',
      '--types',
      'node',
      ...files.map((file) => file.name),
    ];
    diagnostics = run(process.execPath, args, { cwd: dir, encoding: 'utf8', timeout: 180_000 }).then(
      () => '',
      (error: { stdout?: string }) => error.stdout ?? String(error),
    );
  });

  afterAll(async () => {
    await diagnostics;
    if (dir && existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  });

  it('there are samples to check', () => expect(files.length).toBeGreaterThan(CONTRACTS.length));

  it.each(files.map((file) => [file.name, file] as const))(
    '%s',
    async (name, file) => {
      const mine = (await diagnostics).split('\n').filter((line) => line.startsWith(`${name}(`) || /^error /.test(line));
      expect(mine, `${name}\n${file.source}`).toEqual([]);
    },
    180_000,
  );
});
