// The command line and an ambiguous model: one --base-url that names a dialect's gateway sends the
// model there; a submit the gateway answers 404 names the other dialects that sell the model and
// says how to choose one in the CLI's words (--dialect), not the library's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

let sim: Simulator;
let gateway: FakeGateway;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
  gateway = await startFakeGateway((_request, response) => json(response, 404, { error: { message: 'Invalid URL', type: 'invalid_request_error' } }));
});
afterAll(async () => {
  await sim.close();
  await gateway.close();
});

const env = { SEEDANCE_API_KEY: 'sk-cli-gateway' };
const submit = (baseUrl: string, ...extra: string[]) =>
  runSeedance(['submit', '--base-url', baseUrl, '-m', 'doubao-seedance-2-0-260128', '-p', 'A kitten yawns', '--duration', '5', ...extra], { env });

describe('seedance submit and the gateway a base URL names', () => {
  it("one URL under the simulator's ark prefix sends doubao-seedance-2-0-* to ark", async () => {
    const run = await submit(sim.urls.ark);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ dialect: 'ark' });
  });

  it('a 404 on submit names the other dialects and --dialect (exit 4)', async () => {
    const run = await submit(gateway.url);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('doubao-seedance-2-0-260128 is also sold by ark; if so, choose it with --dialect ark.');
    expect(run.stderr).not.toContain('createClient');
  });

  it('with --json, the error event says the same', async () => {
    const run = await submit(gateway.url, '--json');
    const error = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; message?: string })
      .find((event) => event.event === 'error');
    expect(error?.message).toContain('choose it with --dialect ark');
  });
});
