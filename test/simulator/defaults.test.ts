// The simulator takes its defaults from the documents: a field the request left out is answered
// with the default the dialect's own document states (found behind allOf too), never with a
// value typed again in the simulator or borrowed from another dialect.
import { describe, expect, it } from 'vitest';
import { requestDefault } from '../../src/contracts/index.ts';
import { useSimulator } from './support.ts';

const harness = useSimulator();
const headers = { authorization: 'Bearer sk-defaults', 'content-type': 'application/json' };

async function post(path: string, body: unknown) {
  const response = await fetch(`${path}`, { method: 'POST', headers, body: JSON.stringify(body) });
  return (await response.json()) as Record<string, unknown>;
}

describe('defaults come from the dialect document', () => {
  it('content-metadata: a task without generate_audio echoes the document default false (Ark would say true)', async () => {
    expect(requestDefault('content-metadata', 'createTask', '/metadata/generate_audio')).toBe(false);
    const base = harness.sim.urls['content-metadata'];
    const created = await post(`${base}/v1/video/generations`, { model: 'doubao-seedance-2-0-260128', content: [{ type: 'text', text: 'A kite' }] });
    const answer = (await (await fetch(`${base}/v1/video/generations/${String(created.task_id)}`, { headers })).json()) as {
      data: { data: Record<string, unknown> };
    };
    expect(answer.data.data.generate_audio).toBe(false);
    expect(answer.data.data.service_tier).toBe(requestDefault('content-metadata', 'createTask', '/metadata/service_tier'));
    expect(answer.data.data.execution_expires_after).toBe(requestDefault('content-metadata', 'createTask', '/metadata/execution_expires_after'));
  });

  it('ark: the same request answers generate_audio true, and service_tier from the default behind allOf', async () => {
    expect(requestDefault('ark', 'createTask', 'generate_audio')).toBe(true);
    expect(requestDefault('ark', 'createTask', 'service_tier')).toBe('default');
    const base = harness.sim.urls.ark;
    const created = await post(`${base}/api/v3/contents/generations/tasks`, {
      model: 'doubao-seedance-2-0-260128',
      content: [{ type: 'text', text: 'A kite' }],
    });
    const task = (await (await fetch(`${base}/api/v3/contents/generations/tasks/${String(created.id)}`, { headers })).json()) as Record<string, unknown>;
    expect(task).toMatchObject({ generate_audio: true, service_tier: 'default', duration: requestDefault('ark', 'createTask', 'duration') });
  });
});
