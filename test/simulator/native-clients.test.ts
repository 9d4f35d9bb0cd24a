// Clients written for the real gateways work against the simulator unchanged, given only its
// native base URLs (http://127.0.0.1:4010/ark/api/v3, http://127.0.0.1:4010/multipart-videos/v1,
// http://127.0.0.1:4010/openrouter/api/v1).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { OpenRouter } from '@openrouter/sdk';
import { BadRequestResponseError, ConflictResponseError, NotFoundResponseError } from '@openrouter/sdk/models/errors';
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

/** Reads a stream to its end. */
async function bytesOf(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const openRouter = () => new OpenRouter({ apiKey: 'sk-or-v1-simulated', serverURL: harness.sim.nativeUrls.openrouter });

it('serves the OpenRouter SDK: a text-to-video job to completed, its polling URL, and the MP4 stream', async () => {
  const client = openRouter();
  const job = await client.videoGeneration.generate({
    videoGenerationRequest: { model: 'bytedance/seedance-2.0', prompt: 'A kitten yawns at the camera', duration: 5, resolution: '720p', aspectRatio: '16:9' },
  });
  expect(job.status).toBe('pending');
  expect(job.id).toMatch(/^gen-vid-\d+-[a-z0-9]{20}$/);
  // The polling URL points back at this simulator, and is what the poll answers on.
  expect(job.pollingUrl).toBe(`${harness.sim.nativeUrls.openrouter}/videos/${job.id}`);
  const early = await client.videoGeneration.getVideoContent({ jobId: job.id, index: 0 }).catch((caught: unknown) => caught);
  expect(early).toBeInstanceOf(ConflictResponseError);
  harness.clock.advance(10_000);
  const finished = await client.videoGeneration.getGeneration({ jobId: job.id });
  expect(finished.status).toBe('completed');
  expect(finished.unsignedUrls).toEqual([`${harness.sim.nativeUrls.openrouter}/videos/${job.id}/content?index=0`]);
  const polled = (await (await fetch(job.pollingUrl, { headers: { authorization: 'Bearer sk-or-v1-simulated' } })).json()) as { status: string };
  expect(polled.status).toBe('completed');
  const video = await client.videoGeneration.getVideoContent({ jobId: job.id, index: 0 });
  expect(inspectMp4(await bytesOf(video)).videoCodec).toBe('avc1');
});

it('serves the OpenRouter SDK: a first-frame job to completed', async () => {
  const png = readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/first-frame.png')).toString('base64');
  const client = openRouter();
  const job = await client.videoGeneration.generate({
    videoGenerationRequest: {
      model: 'bytedance/seedance-2.0-fast',
      frameImages: [{ type: 'image_url', imageUrl: { url: `data:image/png;base64,${png}` }, frameType: 'first_frame' }],
      duration: 5,
      resolution: '720p',
    },
  });
  harness.clock.advance(10_000);
  expect((await client.videoGeneration.getGeneration({ jobId: job.id })).status).toBe('completed');
  expect(inspectMp4(await bytesOf(await client.videoGeneration.getVideoContent({ jobId: job.id, index: 0 }))).durationSeconds).toBeGreaterThan(1);
});

it('the OpenRouter SDK gets a bad request as its typed 4xx error naming the field, and an unknown job as its 404', async () => {
  const client = openRouter();
  const refused = await client.videoGeneration
    .generate({ videoGenerationRequest: { model: 'bytedance/seedance-2.0', prompt: 'A kitten', duration: 16 } })
    .catch((caught: unknown) => caught);
  expect(refused).toBeInstanceOf(BadRequestResponseError);
  expect((refused as BadRequestResponseError).statusCode).toBe(400);
  expect((refused as BadRequestResponseError).error.code).toBe(400);
  expect((refused as BadRequestResponseError).error.message).toContain('/duration');
  expect((refused as BadRequestResponseError).error.message).toContain('seedance-2-0-duration-4-to-15');
  const unknown = await client.videoGeneration.getGeneration({ jobId: 'gen-vid-0-nothing' }).catch((caught: unknown) => caught);
  expect(unknown).toBeInstanceOf(NotFoundResponseError);
});

it('serves the OpenRouter SDK its models list: the Seedance models of the document, with their limits', async () => {
  const { data } = await openRouter().videoGeneration.listVideosModels();
  expect(data.map((model) => model.id)).toEqual(['bytedance/seedance-2.0', 'bytedance/seedance-2.0-fast', 'bytedance/seedance-1.5-pro']);
  expect(data.find((model) => model.id === 'bytedance/seedance-2.0-fast')?.supportedResolutions).toEqual(['480p', '720p']);
});
