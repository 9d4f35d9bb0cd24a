// An app that talks to one gateway ships one contract: a client built from the core entry and one
// dialect adapter, bundled as an app bundles it (esbuild, browser, tree-shaking on), holds that
// dialect's contract bundle and no other dialect's, nor the aggregate of the four, nor the file
// sniffer (src/sniff.ts) unless the dialect takes file uploads, and never file-type (the sniffer's
// test oracle); nor the validator's plug-ins its contract does not use (coercion, which only a
// multipart body needs; the format checks its schema does not name; the query check, which only the
// simulator runs; the document guard, run on its schemas when they were generated). Read from esbuild's metafile: the modules in the output.
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
    expect(modules).not.toContain('src/contract.ts');
    expect(modules).not.toContain('src/dialects/index.ts');
    // Only multipart uploads have file bytes to sniff.
    if (dialect === 'multipart-videos') expect(modules).toContain('src/sniff.ts');
    else expect(modules).not.toContain('src/sniff.ts');
    expect(modules).not.toContain('file-type');
    // The fused fail-fast verdict is the simulator's (it judges every request); a client runs the checks.
    expect(modules).not.toContain('src/schema/verdict.ts');
    // The engine with only the plug-ins this dialect's contract uses, never the everything-plugged entry.
    expect(modules).toContain('src/schema/engine.ts');
    expect(modules).not.toContain('src/schema/compile.ts');
    expect(modules).not.toContain('src/contracts/parameters.ts');
    // Its schemas were guarded when generated (scripts/bundle-contracts.ts): the guard stays out.
    expect(modules).not.toContain('src/schema/guard.ts');
    expect(modules.includes('src/schema/coerce.ts'), 'coercion (multipart text only)').toBe(dialect === 'multipart-videos');
  });

  // Which formats each schema names, read from its generated contract, not typed again here.
  const formatsOf = async (dialect: DialectId) =>
    [...(await readFile(join(ROOT, `generated/${dialect}.client.json`), 'utf8')).matchAll(/"format": "(\w+)"/g)].map((m) => m[1]);
  it.each(DIALECT_IDS)('%s: bundles the format checks its schema names and no other (the URI expression only for format uri)', async (dialect) => {
    const [{ code, modules }, formats] = await Promise.all([bundleApp(clientOf(dialect)), formatsOf(dialect)]);
    expect(modules.includes('src/schema/formats.ts')).toBe(formats.length > 0);
    // ajv-formats' URI expression (its IPv4 octet is a fragment no other code has).
    expect(new TextDecoder().decode(code).includes('25[0-5]|2[0-4]')).toBe(formats.includes('uri'));
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
    expect(modules).not.toContain('src/schema/verdict.ts');
  });
});
