// seedance-contracts/node: client.download written to a file, complete or not at all, never over
// an existing file unless asked. Against the simulator with no socket (createSimulator().fetch).
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { downloadToFile, FileExistsError } from '../../cli/node.ts';
import { createSimulator } from '../../mocks/simulator/index.ts';
import { createClient, NotAVideoError } from '../../src/index.ts';
import { DIALECTS, MODELS } from '../support/dialects.ts';

const sim = createSimulator({ lifecycle: { queuedMs: 0, runningMs: 0 } });
afterAll(() => sim.close());
const client = createClient({ baseUrl: 'http://sim.test/{dialect}', apiKey: 'sk-node-entry', fetch: sim.fetch, clock: sim.clock });
const video = new Uint8Array(readFileSync(join(import.meta.dirname, '../../mocks/fixtures/sample.mp4')));

describe.each(DIALECTS)('%s: downloadToFile', (dialect) => {
  it("writes the task's video to the file, the simulator's MP4 byte for byte", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedance-node-'));
    const task = await client.generate({ model: MODELS[dialect], prompt: 'A kitten yawns', duration: 5 });
    const file = join(dir, 'kitten.mp4');
    expect(await downloadToFile(client, task, file)).toBe(video.byteLength);
    expect(new Uint8Array(readFileSync(file))).toEqual(video);
    expect(readdirSync(dir)).toEqual(['kitten.mp4']);
  });
});

describe('downloadToFile keeps what is there', () => {
  it('refuses an existing file (FileExistsError, the file untouched) unless asked to overwrite it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedance-node-'));
    const file = join(dir, 'taken.mp4');
    writeFileSync(file, 'mine');
    const task = await client.generate({ model: MODELS.ark, prompt: 'A kitten yawns', duration: 5 });
    await expect(downloadToFile(client, task, file)).rejects.toBeInstanceOf(FileExistsError);
    expect(readFileSync(file, 'utf8')).toBe('mine');
    expect(readdirSync(dir)).toEqual(['taken.mp4']);
    await downloadToFile(client, task, file, { overwrite: true });
    expect(new Uint8Array(readFileSync(file))).toEqual(video);
  });

  it('leaves nothing behind when the answer is not a video', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seedance-node-'));
    const page = createClient({
      baseUrl: 'http://sim.test/{dialect}',
      apiKey: 'sk-node-entry',
      clock: sim.clock,
      // The gateway's answers, but an HTML page where the video should be.
      fetch: async (request) => {
        if (/\/files\//.test(new URL(request.url).pathname)) return new Response('<html>login</html>', { headers: { 'content-type': 'text/html' } });
        return sim.fetch(request);
      },
    });
    const task = await page.generate({ model: MODELS.ark, prompt: 'A kitten yawns', duration: 5 });
    const file = join(dir, 'page.mp4');
    await expect(downloadToFile(page, task, file)).rejects.toBeInstanceOf(NotAVideoError);
    expect(existsSync(file)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });
});
