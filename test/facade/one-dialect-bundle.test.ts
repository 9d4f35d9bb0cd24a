// An app that talks to one gateway ships one contract: a client built from the core entry and one
// dialect adapter, bundled as an app bundles it (esbuild, browser, tree-shaking on), holds that
// dialect's client bundle (its createTask schema, which @cfworker/json-schema interprets) and no
// other dialect's, nor the aggregate of the four, nor file-type (the sniffer's test oracle), nor ajv
// or its compiled validators (the simulator's and the CLI's); nor the schemas of operations a client
// never sends (query checks, other request bodies). Read from esbuild's metafile and the bundle's code.
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleApp } from '../../scripts/app-bundle.ts';
import { DIALECT_IDS, type DialectId } from '../../src/index.ts';

const ROOT = resolve(import.meta.dirname, '../..');

const exportName = (dialect: DialectId) => dialect.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());

/** The modules (repository-relative paths, packages by name) a bundle of `source` carries into its output. */
const bundledModules = async (_name: string, source: string) => (await bundleApp(source)).modules;

const clientOf = (dialect: DialectId) => `
  import { createClient } from ${JSON.stringify(join(ROOT, 'src/core.ts'))};
  import { ${exportName(dialect)} } from ${JSON.stringify(join(ROOT, `src/dialects/${dialect}.ts`))};
  const client = createClient({ dialects: [${exportName(dialect)}], apiKey: 'k', baseUrl: 'http://127.0.0.1:1' });
  export const run = async (model) => client.get(await client.submit({ model, prompt: 'p' }));`;

describe('a client built from the core entry and one dialect', () => {
  it.each(DIALECT_IDS)("%s: bundles that dialect's contract, check and status words, and no other dialect's", async (dialect) => {
    const modules = await bundledModules(dialect, clientOf(dialect));
    // The client's part of the contract (generated/<dialect>.client.json), not the whole bundle.
    expect(modules).toContain(`generated/${dialect}.client.json`);
    expect(modules).not.toContain(`generated/${dialect}.contract.json`);
    expect(modules).toContain('src/contracts/check.ts');
    for (const other of DIALECT_IDS.filter((id) => id !== dialect)) {
      expect(modules).not.toContain(`generated/${other}.client.json`);
      expect(modules).not.toContain(`generated/${other}.contract.json`);
      expect(modules).not.toContain(`generated/${other}.statuses.json`);
      expect(modules).not.toContain(`src/dialects/${other}.ts`);
    }
    expect(modules).not.toContain('src/contracts/index.ts');
    expect(modules).not.toContain('src/dialects/index.ts');
    // The one small sniffer names the bytes a request gives (a data URI's type, an upload's), never file-type.
    expect(modules).toContain('src/sniff.ts');
    expect(modules).not.toContain('file-type');
    // The schema interpreter, never ajv nor a validator compiled from the document; no query check (the simulator's).
    expect(modules).toContain('@cfworker/json-schema');
    expect(modules).toContain('src/contracts/interpreted.ts');
    expect(modules.filter((module) => module.endsWith('.validate.ts'))).toEqual([]);
    expect(modules.filter((module) => module.startsWith('ajv'))).toEqual([]);
    expect(modules).not.toContain('src/contracts/parameters.ts');
  });

  it.each(DIALECT_IDS)('%s: bundles the createTask schema alone, not the schemas of operations a client never sends', async (dialect) => {
    const [{ code }, whole] = await Promise.all([bundleApp(clientOf(dialect)), readFile(join(ROOT, `generated/${dialect}.contract.json`), 'utf8')]);
    const text = new TextDecoder().decode(code);
    // Each schema marks its rules (`"x-rule":"model-enum"`); only createTask's reach the bundle.
    const operations = (JSON.parse(whole) as { operations: Record<string, { requestSchema?: unknown; parameters: unknown[] }> }).operations;
    const markers = (operationId: string) => {
      const operation = operations[operationId];
      return [...new Set([...JSON.stringify([operation?.requestSchema, operation?.parameters]).matchAll(/"x-rule":"[^"]+"/g)].map((match) => match[0]))];
    };
    expect(markers('createTask').length).toBeGreaterThan(0);
    expect(markers('createTask').filter((marker) => !text.includes(marker))).toEqual([]);
    for (const other of Object.keys(operations).filter((id) => id !== 'createTask')) {
      const own = markers(other).filter((marker) => !markers('createTask').includes(marker));
      expect(
        own.filter((marker) => text.includes(marker)),
        other,
      ).toEqual([]);
    }
  });

  it('the root createClient still bundles all four contracts (the default that keeps its API)', async () => {
    const modules = await bundledModules(
      'root',
      `import { createClient } from ${JSON.stringify(join(ROOT, 'src/index.ts'))};
       const client = createClient({ apiKey: 'k', baseUrl: 'http://127.0.0.1:1' });
       export const run = async (model) => client.get(await client.submit({ model, prompt: 'p' }));`,
    );
    for (const dialect of DIALECT_IDS) {
      expect(modules).toContain(`generated/${dialect}.client.json`);
      expect(modules).not.toContain(`generated/${dialect}.contract.json`);
    }
    expect(modules.filter((module) => module.startsWith('ajv'))).toEqual([]);
    expect(modules.filter((module) => module.endsWith('.validate.ts'))).toEqual([]);
  });
});
