// The client and the simulator judge every createTask body alike: generated near-valid and invalid
// bodies per dialect (scripts/differential.ts, fast-check from the documents' examples) get the same
// verdict from both, and every refusal names the same rules. The long run is
// `npx tsx scripts/differential.ts 10000` (>= 10,000 bodies per dialect).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { clientVerdict, runDifferential, simulatorVerdict } from '../../scripts/differential.ts';
import { formDataBody } from '../../src/http/raw-client.ts';

// A few thousand bodies in all, bounded for npm test on a 2-core machine; the long run is the script above.
const PER_DIALECT = 1_000;

describe('differential: client verdict = simulator verdict', () => {
  it(`agrees on ${PER_DIALECT} generated bodies per dialect, rule for rule`, { timeout: 180_000 }, async () => {
    const results = await runDifferential(PER_DIALECT);
    for (const result of results) {
      expect(result.disagreements.slice(0, 3), `${result.dialect}: ${result.disagreements.length} disagreements`).toEqual([]);
      // Both kinds of body were generated: some refused, some accepted.
      expect(result.refused).toBeGreaterThan(PER_DIALECT / 10);
      expect(result.refused).toBeLessThan(PER_DIALECT * 0.9);
    }
  });
});

describe('differential: the disagreements it found stay fixed', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, lifecycle: { queuedMs: 0, runningMs: 0 } });
  });
  afterAll(() => sim.close());

  it('a JSON body that is not an object is refused for its type by both, not for the fields a wrapper lacks', async () => {
    for (const body of [[], [1, 'a'], 'text', 3, null]) {
      const client = await clientVerdict('ark', body);
      expect(client).toEqual({ accepted: false, rules: ['schema-type'] });
      expect(await simulatorVerdict(sim.urls.ark, 'ark', body)).toEqual(client);
    }
  });

  it('a file without a name is sent as a file part named by its field, not as a text part', async () => {
    const body = {
      model: 'doubao-seedance-1-5-pro_720p',
      prompt: 'a',
      first_frame_image: new File([readFileSync(new URL('../../mocks/fixtures/first-frame.png', import.meta.url))], ''),
    };
    const part = formDataBody(body).get('first_frame_image');
    expect(part instanceof File && part.name).toBe('first_frame_image');
    const client = await clientVerdict('multipart-videos', body);
    expect(client).toEqual({ accepted: true, rules: [] });
    expect(await simulatorVerdict(sim.urls['multipart-videos'], 'multipart-videos', body)).toEqual(client);
  });

  it('a form that repeats a field is refused by the simulator, naming it; the client serializer never repeats one', async () => {
    const form = formDataBody({ model: 'doubao-seedance-1-5-pro_720p', prompt: 'a', seconds: 4 });
    expect([...form.keys()]).toEqual(['model', 'prompt', 'seconds']);
    form.append('prompt', 'b');
    const response = await fetch(`${sim.urls['multipart-videos']}/v1/videos`, { method: 'POST', headers: { authorization: 'Bearer k' }, body: form });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { param: string } }).error.param).toBe('prompt');
  });
});
