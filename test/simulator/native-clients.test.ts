// Clients written for the real gateways work against the simulator unchanged, given only its
// native base URLs (http://127.0.0.1:4010/ark/api/v3, http://127.0.0.1:4010/multipart-videos/v1).
import OpenAI from 'openai';
import { expect, it } from 'vitest';
import { inspectMp4 } from '../support/mp4.ts';
import { useSimulator } from './support.ts';

const harness = useSimulator();

it('serves an Ark-native client: POST the task, poll until succeeded, read content.video_url', async () => {
  const base = harness.sim.nativeUrls.ark;
  const headers = { Authorization: 'Bearer ark-native-key', 'Content-Type': 'application/json' };
  const created = await fetch(`${base}/contents/generations/tasks`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: 'A kitten yawns --rs 720p --dur 5' }] }),
  });
  const { id } = (await created.json()) as { id: string };
  expect(id).toMatch(/^cgt-\d{14}-[a-z0-9]{5}$/);
  let task: { status: string; content?: { video_url: string } } = { status: 'queued' };
  for (let poll = 0; poll < 20 && task.status !== 'succeeded'; poll++) {
    harness.clock.advance(1_000);
    task = (await (await fetch(`${base}/contents/generations/tasks/${id}`, { headers })).json()) as typeof task;
  }
  expect(task.status).toBe('succeeded');
  const video = await fetch(task.content?.video_url ?? '');
  expect(inspectMp4(new Uint8Array(await video.arrayBuffer())).videoCodec).toBe('avc1');
});

it('serves the OpenAI SDK: videos.create (multipart), videos.retrieve, videos.downloadContent', async () => {
  const openai = new OpenAI({ baseURL: harness.sim.nativeUrls['multipart-videos'], apiKey: 'sk-openai-style', maxRetries: 0 });
  const created = await openai.videos.create({
    model: 'doubao-seedance-1-5-pro_720p' as never,
    prompt: 'The cat listens to music',
    seconds: '4',
    size: '16:9' as never,
  });
  expect(created).toMatchObject({ object: 'video', status: 'queued' });
  harness.clock.advance(10_000);
  const finished = await openai.videos.retrieve(created.id);
  expect(finished.status).toBe('completed');
  const content = await openai.videos.downloadContent(created.id);
  expect(content.headers.get('content-type')).toBe('video/mp4');
  expect(inspectMp4(new Uint8Array(await content.arrayBuffer())).durationSeconds).toBeGreaterThan(1);
});
