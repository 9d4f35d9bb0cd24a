// Size of an application bundle, minified and gzipped, built with esbuild in the same run for:
// createClient with every dialect; the client built from one dialect (seedance-contracts/core
// with the ark adapter, contract check included); each dialect module alone (its raw client, toWire
// and contract check: the one-dialect figure); the ark raw client without the check; the Vercel AI SDK's
// experimental_generateVideo with @ai-sdk/bytedance (the baseline an integrator would otherwise
// ship); and bare openapi-fetch (the floor of a typed client). Ratios are printed.
//   npx tsx bench/bundle-size.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { DIALECT_IDS, type DialectId } from '../generated/dialects.ts';
import { bundleApp } from '../scripts/app-bundle.ts';
import { ROOT } from './support/processes.ts';

/** The path a dialect's createTask is documented at, from its client bundle. */
function createTaskPath(dialect: DialectId): string {
  const bundle = JSON.parse(readFileSync(join(ROOT, `generated/${dialect}.client.json`), 'utf8')) as { operations: Record<string, { path: string }> };
  return bundle.operations.createTask!.path;
}

const dist = (path: string) => JSON.stringify(join(ROOT, 'dist/src', path));
const ENTRIES = {
  'createClient, every dialect': `
    import { createClient } from ${dist('index.js')};
    const client = createClient({
      apiKey: 'k',
      baseUrl: ${JSON.stringify(Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, `http://${dialect}.test`])))},
    });
    export const run = async (model) => client.get(await client.submit({ model, prompt: 'p', duration: 5 }));`,
  // A one-gateway app: the core client built from the ark adapter alone, checking each body
  // against Ark's contract before sending it, as the full client does.
  'core createClient, ark adapter only': `
    import { createClient } from ${dist('core.js')};
    import { ark } from ${dist('dialects/ark.js')};
    const client = createClient({ dialects: [ark], apiKey: 'k', baseUrl: 'http://a' });
    export const run = async (model) => client.get(await client.submit({ model, prompt: 'p', duration: 5 }));`,
  // Each dialect module alone (seedance-contracts/dialects/<dialect>), no facade: its typed
  // openapi-fetch client, toWire, and its contract check before sending (no zod request parsing,
  // retries or polling). One gateway's app ships this.
  ...Object.fromEntries(
    DIALECT_IDS.map((dialect) => [
      `${dialect} module: raw client + toWire + check`,
      `
    import { adapter, createRawClient, toWire } from ${dist(`dialects/${dialect}.js`)};
    const client = createRawClient({ apiKey: 'k', baseUrl: 'http://a' });
    export const run = async (model) => {
      const { body } = await toWire({ model, prompt: 'p', duration: 5 });
      const issues = await adapter.checkWire(body);
      if (issues.length > 0) throw new Error(issues[0].message);
      return client.POST(${JSON.stringify(createTaskPath(dialect))}, { body });
    };`,
    ]),
  ),
  'ark raw client + toWire (no contract check)': `
    import { createRawClient, toWire } from ${dist('dialects/ark.js')};
    const client = createRawClient({ apiKey: 'k', baseUrl: 'http://a' });
    export const run = async (model) => client.POST('/api/v3/contents/generations/tasks', { body: (await toWire({ model, prompt: 'p', duration: 5 })).body });`,
  'AI SDK: generateVideo + @ai-sdk/bytedance': `
    import { experimental_generateVideo } from 'ai';
    import { createByteDance } from '@ai-sdk/bytedance';
    const byteDance = createByteDance({ apiKey: 'k' });
    export const run = (model) => experimental_generateVideo({ model: byteDance.video(model), prompt: 'p', duration: 5 });`,
  'openapi-fetch alone': `
    import createClient from 'openapi-fetch';
    const client = createClient({ baseUrl: 'http://a' });
    export const run = (model) => client.POST('/api/v3/contents/generations/tasks', { body: { model, content: [{ type: 'text', text: 'p' }] } });`,
};

async function bundleSizes(): Promise<Record<string, { minified: number; gzipped: number }>> {
  const sizes: Record<string, { minified: number; gzipped: number }> = {};
  for (const [name, source] of Object.entries(ENTRIES)) {
    const { code } = await bundleApp(source);
    sizes[name] = { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
  }
  return sizes;
}

export async function benchBundleSize(): Promise<void> {
  const sizes = await bundleSizes();
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  const aiSdk = sizes['AI SDK: generateVideo + @ai-sdk/bytedance']!.gzipped;
  console.log('\n## Client bundle: esbuild, browser, minified + gzip -9, built in this run');
  for (const [name, size] of Object.entries(sizes)) {
    console.log(
      `  ${name.padEnd(52)} ${kib(size.minified).padStart(10)} minified ${kib(size.gzipped).padStart(9)} gzipped` +
        ` (${String(size.gzipped).padStart(6)} B)   ${(size.gzipped / aiSdk).toFixed(2)}x the AI SDK`,
    );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await benchBundleSize();
