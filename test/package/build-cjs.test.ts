// scripts/build-cjs.mjs writes the CommonJS build beside tsc's ESM one: each module as a .cjs file
// in the same directory (so `import.meta.dirname` is `__dirname`), its relative imports required by
// their .cjs names, and tsc's declarations as .d.cts pointing at the .cjs modules. A module that has
// no CommonJS form stops the build with its name. (The consumer test runs the real build's output.)
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildCommonJs, commonJsSources, toCommonJsDeclaration } from '../../scripts/build-cjs.mjs';

let root: string | undefined;
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

/** A repository with the given files (and the directories and tsconfig the build reads). */
function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'seedance-cjs-'));
  root = dir;
  for (const sources of ['src', 'generated', 'mocks/simulator']) mkdirSync(join(dir, sources), { recursive: true });
  writeFileSync(join(dir, 'tsconfig.build.json'), '{}');
  for (const [file, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), content);
  }
  return dir;
}

describe('the CommonJS build (scripts/build-cjs.mjs)', () => {
  it('points the relative specifiers of declarations at the .cjs modules and leaves packages and JSON alone', () => {
    const declaration = [
      "export * from './core.ts';",
      "export { createClient, type ClientOptions } from './client.ts';",
      "import type { components } from '../../generated/ark.ts';",
      'export declare function fromWire(body: unknown): import("../task.ts").Task;',
      "export type * from '../generated/unified-jobs.js';",
      "import { z } from 'zod/mini';",
      "import data from '../generated/ark.statuses.json';",
      "/** Reads './notes.ts' aloud. */",
    ].join('\n');
    expect(toCommonJsDeclaration(declaration).split('\n')).toEqual([
      "export * from './core.cjs';",
      "export { createClient, type ClientOptions } from './client.cjs';",
      "import type { components } from '../../generated/ark.cjs';",
      'export declare function fromWire(body: unknown): import("../task.cjs").Task;',
      "export type * from '../generated/unified-jobs.cjs';",
      "import { z } from 'zod/mini';",
      "import data from '../generated/ark.statuses.json';",
      "/** Reads './notes.ts' aloud. */",
    ]);
  });

  it("reads openapi-fetch's types as ES declarations, whose `Client` its CommonJS ones hide behind `export =`", () => {
    expect(toCommonJsDeclaration('export declare function f(): import("openapi-fetch").Client<paths>;')).toBe(
      'export declare function f(): import("openapi-fetch", { with: { "resolution-mode": "import" } }).Client<paths>;',
    );
  });

  it('writes each module as .cjs beside its .js, requiring its neighbours by their .cjs names, with import.meta.dirname as __dirname', async () => {
    const root = repository({
      'src/where.ts': 'export const here: string = import.meta.dirname;\nexport const file: string = import.meta.filename;\n',
      'src/index.ts':
        "import { here } from './where.ts';\nimport statuses from '../generated/s.json' with { type: 'json' };\nexport const answer = { here, statuses };\n",
      'generated/s.json': '{"queued":"queued"}',
      'dist/generated/s.json': '{"queued":"queued"}',
      'dist/src/where.d.ts': 'export declare const here: string;\nexport declare const file: string;\n',
      'dist/src/index.d.ts': "export declare const answer: { here: string; statuses: Record<string, string> };\nexport type { here } from './where.ts';\n",
      'mocks/simulator/main.ts': 'await Promise.resolve();\n',
    });
    expect(commonJsSources(root)).toEqual(['src/index.ts', 'src/where.ts']);
    expect(await buildCommonJs(root)).toBe(2);

    const required = createRequire(join(root, 'dist/src/'))('./index.cjs') as { answer: { here: string; statuses: unknown } };
    expect(required.answer).toEqual({ here: join(root, 'dist/src'), statuses: { queued: 'queued' } });
    expect(readFileSync(join(root, 'dist/src/index.cjs'), 'utf8')).toContain('require("./where.cjs")');
    expect(readFileSync(join(root, 'dist/src/index.d.cts'), 'utf8')).toContain("from './where.cjs'");
    expect(JSON.parse(readFileSync(join(root, 'dist/src/where.cjs.map'), 'utf8')).sourcesContent[0]).toContain('import.meta.dirname');
  });

  it.each([
    ['a top-level await', 'export const value = await Promise.resolve(1);\n', /[Tt]op-level await.*src\/late\.ts/s],
    ['import.meta.url, which CommonJS has no equivalent for', 'export const url = import.meta.url;\n', /src\/late\.ts.*import\.meta/s],
  ])('stops at a module with %s, naming it', async (_, source, message) => {
    const root = repository({ 'src/late.ts': source, 'dist/src/late.d.ts': 'export {};\n' });
    await expect(buildCommonJs(root)).rejects.toThrow(message);
  });

  it('stops before writing anything when tsc has not written the declarations', async () => {
    const root = repository({ 'src/lonely.ts': 'export const one = 1;\n' });
    await expect(buildCommonJs(root)).rejects.toThrow(/tsc --build tsconfig\.build\.json first: no dist\/src\/lonely\.d\.ts/);
  });

  it('refuses a relative import outside the modules it builds', async () => {
    const root = repository({
      'src/reach.ts': "export { run } from '../cli/run.ts';\n",
      'cli/run.ts': 'export const run = 1;\n',
      'dist/src/reach.d.ts': 'export {};\n',
    });
    await expect(buildCommonJs(root)).rejects.toThrow(/\.\.\/cli\/run\.ts \(cli\/run\.ts\) is not a module of the CommonJS build/);
  });
});
