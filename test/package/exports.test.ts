// The package as an integrator gets it: built to dist/, imported by name from a plain ESM project.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const consumer = mkdtempSync(join(tmpdir(), 'seedance-consumer-'));

beforeAll(() => {
  execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { cwd: root });
  writeFileSync(join(consumer, 'package.json'), '{"type":"module"}');
  mkdirSync(join(consumer, 'node_modules'));
  symlinkSync(root, join(consumer, 'node_modules/seedance-contracts'));
}, 120_000);

afterAll(() => rmSync(consumer, { recursive: true, force: true }));

function run(source: string): string {
  writeFileSync(join(consumer, 'main.mjs'), source);
  return execFileSync(process.execPath, ['main.mjs'], { cwd: consumer, encoding: 'utf8' });
}

it('exports the client, the routing table, the errors and the statuses from the entry point', () => {
  const names = JSON.parse(run(`import * as toolkit from 'seedance-contracts'; console.log(JSON.stringify(Object.keys(toolkit).sort()));`)) as string[];
  for (const name of ['createClient', 'defaultRoutes', 'routeModel', 'ValidationError', 'ApiError', 'TaskFailedError', 'WaitTimeoutError', 'UnknownStatusError', 'TASK_STATUSES', 'dialects']) {
    expect(names).toContain(name);
  }
});

it.each(['ark', 'content-metadata', 'multipart-videos', 'unified-jobs'])('exports the raw typed client of %s on its own path', (dialect) => {
  expect(run(`import { createRawClient, toWire, fromWire } from 'seedance-contracts/dialects/${dialect}'; console.log([createRawClient, toWire, fromWire].map((f) => typeof f).join());`).trim()).toBe(
    'function,function,function',
  );
});

it('validates against the contracts from the built package, before any request', () => {
  const out = run(`
    import { createClient } from 'seedance-contracts';
    const client = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', fetch: () => { throw new Error('network used'); } });
    await client.prepare({ model: 'doubao-seedance-1-5-pro_720p', prompt: 'p', duration: 12 }).catch((e) => console.log(e.name, e.issues[0].rule));`);
  expect(out.trim()).toBe('ValidationError seconds-range');
});
