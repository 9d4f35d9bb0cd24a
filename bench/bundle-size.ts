// Size of an application bundle that uses createClient with all four dialects, minified and
// gzipped, beside a baseline bundle that uses only openapi-fetch (what a hand-rolled typed client
// would ship). Built with esbuild in the same run; the ratio is printed.
//   npx tsx bench/bundle-size.ts
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(import.meta.dirname, '..');
const work = mkdtempSync(join(tmpdir(), 'seedance-bundle-'));
const entries = {
  'createClient (all four dialects)': `
    import { createClient } from ${JSON.stringify(join(root, 'src/index.ts'))};
    const client = createClient({ apiKey: 'k', baseUrl: { ark: 'http://a', 'content-metadata': 'http://b', 'multipart-videos': 'http://c', 'unified-jobs': 'http://d' } });
    export const run = (model) => client.submit({ model, prompt: 'p', duration: 5 });`,
  'baseline: openapi-fetch only': `
    import createClient from 'openapi-fetch';
    const client = createClient({ baseUrl: 'http://a' });
    export const run = (model) => client.POST('/api/v3/contents/generations/tasks', { body: { model, content: [{ type: 'text', text: 'p' }] } });`,
};

const sizes: Record<string, { minified: number; gzipped: number }> = {};
for (const [name, source] of Object.entries(entries)) {
  const entry = join(work, `${Object.keys(sizes).length}.mjs`);
  writeFileSync(entry, source);
  const result = await build({ entryPoints: [entry], bundle: true, minify: true, format: 'esm', platform: 'node', write: false, nodePaths: [join(root, 'node_modules')], logLevel: 'error' });
  const code = result.outputFiles[0]!.contents;
  sizes[name] = { minified: code.byteLength, gzipped: gzipSync(code, { level: 9 }).byteLength };
}
rmSync(work, { recursive: true, force: true });

const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const [name, size] of Object.entries(sizes)) console.log(`${name.padEnd(34)} ${kib(size.minified).padStart(10)} minified  ${kib(size.gzipped).padStart(9)} gzipped`);
const [ours, baseline] = Object.values(sizes);
console.log(`ratio (gzipped): ${(ours!.gzipped / baseline!.gzipped).toFixed(1)}x the openapi-fetch baseline`);
