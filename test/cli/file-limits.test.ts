// Files and stdin the CLI reads are read only as far as they could be used: a media flag or a
// request file up to the documents' limit on a whole request body (64 MiB; a larger file could not
// be sent), a key or a handle up to 64 KiB. `--first-frame /dev/zero` fails with a clear error (exit 2) once past the limit, a
// regular file over it is refused from its size, and nothing is sent either way.
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_INPUT_BYTES } from '../../cli/io.ts';
import { json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { ROOT, runSeedance } from './support.ts';

const work = mkdtempSync(join(tmpdir(), 'seedance-limits-'));
let gateway: FakeGateway;
beforeAll(async () => {
  gateway = await startFakeGateway((_request, response) => json(response, 200, { id: 'cgt-1' }));
});
afterAll(async () => {
  await gateway.close();
  rmSync(work, { recursive: true, force: true });
});

const env = () => ({ SEEDANCE_BASE_URL: gateway.url });
const generate = (extra: string[]) => runSeedance(['submit', '-m', 'doubao-seedance-1-5-pro-251215', '-p', 'x', ...extra], { env: env(), cwd: work });

describe('the input limit', () => {
  it("is the documents' limit on a request body (the 413 answers name it)", () => {
    const limits = [...readFileSync(join(ROOT, 'openapi/ark.yaml'), 'utf8').matchAll(/exceeds the limit of (\d+) bytes/g)].map((match) => Number(match[1]));
    expect(limits.length).toBeGreaterThan(0);
    for (const limit of limits) expect(limit).toBe(MAX_INPUT_BYTES);
  });

  it.each(['--first-frame', '--reference-video', '--reference-audio'])('%s /dev/zero fails once past it, naming the flag, and sends nothing', async (flag) => {
    const requests = gateway.requests.length;
    const run = await generate([flag, '/dev/zero']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${flag} /dev/zero is larger than ${MAX_INPUT_BYTES} bytes.*send it by URL or asset:// id instead`));
    expect(gateway.requests).toHaveLength(requests);
  });

  it('a regular file over it is refused from its size', async () => {
    const big = join(work, 'big.png');
    closeSync(openSync(big, 'w'));
    truncateSync(big, MAX_INPUT_BYTES + 1); // sparse: nothing to read
    const run = await generate(['--first-frame', big]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/is larger than 67108864 bytes/);
  });

  it('--request /dev/zero fails the same way', async () => {
    const run = await generate(['--request', '/dev/zero']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/request file \/dev\/zero is larger than/);
  });

  it('a key or a handle is read up to 64 KiB: /dev/zero and a huge stdin are refused', async () => {
    const handle = JSON.stringify({ v: 1, dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215', taskId: 'cgt-1', baseUrl: gateway.url });
    const keyFile = await runSeedance(['status', handle, '--api-key-file', '/dev/zero'], { env: env(), cwd: work });
    expect(keyFile.code).toBe(2);
    expect(keyFile.stderr).toMatch(/the API key source \/dev\/zero is larger than 65536 bytes/);
    const keyStdin = await runSeedance(['status', handle, '--api-key-stdin'], { env: env(), cwd: work, input: 'k'.repeat(70_000) });
    expect(keyStdin.code).toBe(2);
    expect(keyStdin.stderr).toMatch(/stdin is larger than 65536 bytes/);
    const handleFile = await runSeedance(['status', '/dev/zero'], { env: env(), cwd: work });
    expect(handleFile.code).toBe(2);
    expect(handleFile.stderr).toMatch(/the handle file \/dev\/zero is larger than 65536 bytes/);
  });
});
