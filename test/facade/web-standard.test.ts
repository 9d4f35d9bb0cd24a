// The client runs on web-standard APIs only, so it runs in browsers and edge runtimes as in Node.
// Each client entry of the package is bundled as a browser app bundles it (esbuild, platform
// browser): the build must resolve no `node:` module and the bundle may read no Node global
// (Buffer, process, global, require, setImmediate, __dirname, __filename) outside a `typeof`
// probe. Then the root entry's
// bundle runs in a worker thread whose globalThis has no Buffer: bytes, Blobs and data URIs go
// through every dialect's media conversion there, large inputs included, and give the same bytes
// Node's Buffer gives.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { DIALECT_IDS } from '../../src/index.ts';
import { MODELS } from '../support/dialects.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ENTRIES = ['src/index.ts', 'src/core.ts', ...DIALECT_IDS.map((dialect) => `src/dialects/${dialect}.ts`)];
const NODE_GLOBALS = ['Buffer', 'process', 'global', 'require', 'setImmediate', '__dirname', '__filename'];
const MARK = 'NODE_GLOBAL_USED_';

/** The entry bundled for a browser, each Node global it reads replaced by a marker (esbuild's define touches only unbound names). */
async function browserBundle(entry: string, format: 'esm' | 'iife' = 'esm') {
  const result = await build({
    entryPoints: [join(ROOT, entry)],
    bundle: true,
    format,
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    define: Object.fromEntries(NODE_GLOBALS.map((name) => [name, `${MARK}${name}`])),
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

describe('every client entry bundles for a browser', () => {
  it.each(ENTRIES)('%s: no node: module, no Node global', async (entry) => {
    const { code, inputs } = await browserBundle(entry);
    expect(inputs.filter((input) => input.startsWith('node:') || input.includes('(disabled)'))).toEqual([]);
    // A `typeof` probe cannot throw where the global is missing: openapi-fetch's `typeof process === "object" && process...`
    // (createRawClient) is one. Any other read of a Node global fails the test.
    const reads = code
      .split('\n')
      .flatMap((line) =>
        [...line.matchAll(new RegExp(`${MARK}(\\w+)`, 'g'))].some((match) => !line.includes(`typeof ${MARK}${match[1]}`)) ? [line.trim()] : [],
      );
    expect(reads).toEqual([]);
  });
});

const png = new Uint8Array(readFileSync(join(ROOT, 'mocks/fixtures/first-frame.png')));
/** Large enough that a byte string built in one call would overflow the stack. */
const large = new Uint8Array(2 * 1024 * 1024).map((_, index) => (index * 7919) % 251);
large.set(png.subarray(0, 64));

/** What the worker does: the bundled client, with globalThis.Buffer deleted first. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
delete globalThis.Buffer;
(async () => {
  const { createClient, dialects } = await import('data:text/javascript;base64,' + workerData.bundle);
  const { png, large, models } = workerData;
  const client = createClient({ baseUrl: 'http://127.0.0.1:9/{dialect}', apiKey: 'k' });
  const out = { bufferGone: typeof Buffer === 'undefined', bodies: {}, errors: [] };
  const sources = [['bytes', png], ['blob', new Blob([png])], ['arrayBuffer', png.slice().buffer], ['dataUri', 'data:image/png;base64,' + workerData.base64]];
  for (const [dialect, model] of Object.entries(models)) {
    for (const [name, source] of sources) {
      try {
        const prepared = await client.prepare({ model, prompt: 'p', duration: 5, images: [{ role: 'first_frame', source }] });
        const file = prepared.body.first_frame_image;
        out.bodies[dialect + ' ' + name] = file instanceof Blob ? new Uint8Array(await file.arrayBuffer()) : JSON.stringify(prepared.body);
      } catch (error) {
        out.errors.push(dialect + ' ' + name + ': ' + error.message);
      }
    }
  }
  const ark = await dialects.ark.toWire({ model: models.ark, images: [{ role: 'first_frame', source: large }] });
  out.largeUrl = ark.body.content[0].image_url.url;
  parentPort.postMessage(out);
})().catch((error) => parentPort.postMessage({ crashed: String(error && error.stack || error) }));
`;

interface WorkerResult {
  crashed?: string;
  bufferGone: boolean;
  bodies: Record<string, Uint8Array | string>;
  errors: string[];
  largeUrl: string;
}

async function runWithoutBuffer(): Promise<WorkerResult> {
  const { code } = await browserBundle('src/index.ts');
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { bundle: btoa(unescape(encodeURIComponent(code))), png, large, models: MODELS, base64: Buffer.from(png).toString('base64') },
  });
  try {
    return await new Promise<WorkerResult>((resolveResult, reject) => {
      worker.once('message', resolveResult);
      worker.once('error', reject);
    });
  } finally {
    await worker.terminate();
  }
}

describe('media conversions without Buffer', () => {
  it("give each dialect the image bytes Node's Buffer gives, from bytes, a Blob, an ArrayBuffer and a data: URI; a 2 MiB input included", async () => {
    const result = await runWithoutBuffer();
    expect(result.crashed).toBeUndefined();
    expect(result.bufferGone).toBe(true);
    expect(result.errors).toEqual([]);
    const dataUri = `data:image/png;base64,${Buffer.from(png).toString('base64')}`;
    for (const [name, body] of Object.entries(result.bodies)) {
      if (body instanceof Uint8Array) expect(Buffer.from(body).equals(Buffer.from(png)), name).toBe(true);
      else expect(body, name).toContain(JSON.stringify(dataUri));
    }
    expect(Object.keys(result.bodies)).toHaveLength(DIALECT_IDS.length * 4);
    expect(result.largeUrl).toBe(`data:image/png;base64,${Buffer.from(large).toString('base64')}`);
  });
});
