// `seedance check --report` files are CI artifacts: they must hold the key no more than stdout does.
// A target that echoes the Authorization header into every field it can (ids, task ids, codes,
// messages, URLs, a body that is not JSON, the content type, the request id, a Location header)
// and into every status, checked with a JUnit and a JSON report, GitHub annotations and --json:
// the key is in none of stdout, stderr or the files, while the files show where it was removed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

const KEY = 'sk-echoed-0f1e2d3c4b5a69788796a5b4c3d2e1f0';
const work = mkdtempSync(join(tmpdir(), 'seedance-report-secrets-'));
let echo: FakeGateway;

beforeAll(async () => {
  let count = 0;
  echo = await startFakeGateway((request, response) => {
    const key = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    const variant = count++ % 4;
    const headers = { 'x-request-id': key, location: `https://echo.example/${key}` };
    if (variant === 3) {
      // A body that claims JSON and is not: its start is quoted in the report.
      response.writeHead(200, { ...headers, 'content-type': 'application/json' });
      return response.end(`not json: Bearer ${key}`);
    }
    const status = [200, 400, 500][variant] ?? 200;
    const type = variant === 2 ? `application/x-${key}` : 'application/json';
    response.writeHead(status, { ...headers, 'content-type': type });
    response.end(
      JSON.stringify({
        id: key,
        task_id: key,
        code: key,
        message: `bad key ${key}`,
        status: key,
        video_url: `https://echo.example/v.mp4?key=${key}`,
        error: { code: key, message: `Bearer ${key}`, type: key, param: key },
        data: { task_id: key, status: key, fail_reason: key },
      }),
    );
  });
});
afterAll(async () => {
  await echo.close();
  rmSync(work, { recursive: true, force: true });
});

describe('seedance check against a target that echoes the key', () => {
  it('keeps the key out of stdout, stderr, GitHub annotations and both report files', async () => {
    const junit = join(work, 'results.xml');
    const report = join(work, 'results.json');
    for (const json of [false, true]) {
      const run = await runSeedance(
        ['check', '--target', `${echo.url}/{dialect}`, '--report', 'junit', junit, '--report', 'json', report, ...(json ? ['--json'] : [])],
        { env: { SEEDANCE_API_KEY: KEY, GITHUB_ACTIONS: 'true' }, timeoutMs: 120_000 },
      );
      expect(run.code, run.stderr).toBe(7);
      const files = [readFileSync(junit, 'utf8'), readFileSync(report, 'utf8')];
      for (const output of [run.stdout, run.stderr, ...files]) {
        expect(output).not.toContain(KEY);
        expect(output).not.toContain(KEY.slice(3));
      }
      // The target did echo it, and the files say where it was removed.
      for (const file of files) expect(file).toContain('[redacted]');
    }
    // Two whole check runs: generous for a busy 2-core machine.
  }, 120_000);
});
