// Each canonical request shape a dialect supports translates to a body the dialect's Prism mock
// accepts, and every documented task answer maps to a canonical task. Shapes a dialect cannot
// express are refused before anything reaches the network.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { createClient, TASK_STATUSES, ValidationError, type DialectId, type VideoRequestInput } from '../../src/index.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';
import { DIALECT_FACTS, DIALECTS, MODELS } from '../support/dialects.ts';

const target = inject('conformanceTarget');
const png = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/first-frame.png')));
const lastPng = new Uint8Array(readFileSync(resolve(import.meta.dirname, '../../mocks/fixtures/last-frame.png')));
const url = (name: string) => `https://example.com/${name}`;

const SHAPES: Record<string, Omit<VideoRequestInput, 'model'>> = {
  'text to video': { prompt: 'A kitten yawns at the camera', duration: 5, ratio: '16:9' },
  'first frame by URL': { prompt: 'The cat walks', images: [{ role: 'first_frame', source: url('first.png') }], duration: 5 },
  'first frame as bytes': { prompt: 'The cat walks', images: [{ role: 'first_frame', source: png }], duration: 5 },
  'first and last frame as bytes': {
    prompt: 'Smooth transition',
    images: [
      { role: 'first_frame', source: png },
      { role: 'last_frame', source: new Blob([lastPng], { type: 'image/png' }) },
    ],
    duration: 5,
  },
  'reference images': {
    prompt: 'Same character, new scene',
    images: [
      { role: 'reference', source: url('ref-1.png') },
      { role: 'reference', source: 'asset://asset-20260412163933-abcde' },
    ],
    duration: 5,
  },
  'reference video': { prompt: 'Follow this motion', videos: [{ role: 'reference', source: url('motion.mp4') }], duration: 5 },
  'source video to edit': { prompt: 'Make it watercolour', videos: [{ role: 'source', source: url('source.mp4') }], duration: 5 },
  'reference audio with an image': {
    prompt: 'Dance to this',
    images: [{ role: 'reference', source: url('dancer.png') }],
    audios: [{ source: url('beat.mp3') }],
    generateAudio: true,
    duration: 5,
  },
  'draft task': { draftTaskId: 'cgt-20260412163502-x8k2m' },
  'generation parameters': { prompt: 'A lighthouse at dusk', duration: 6, ratio: '9:16', seed: 42, watermark: false, returnLastFrame: true },
  'callback URL': { prompt: 'A lighthouse at dusk', duration: 5, callbackUrl: 'https://hooks.example.com/seedance' },
};

// Which shapes each dialect cannot express (refused before sending): DIALECT_FACTS[dialect].cannotExpress.
for (const dialect of DIALECTS) {
  const unknown = DIALECT_FACTS[dialect].cannotExpress.filter((shape) => !(shape in SHAPES));
  if (unknown.length > 0) throw new Error(`test/support/dialects.ts: ${dialect} names unknown shapes ${unknown.join(', ')}`);
}

function recordingClient(dialect: DialectId) {
  const exchanges: Array<{ method: string; path: string; status: number; violations: string | null; contentType: string | null }> = [];
  let prefer: string | undefined;
  const client = createClient({
    baseUrl: target.urls,
    apiKey: 'translate-test-key',
    dialect,
    retry: { maxRetries: 0 },
    fetch: async (request) => {
      if (prefer) request.headers.set('prefer', prefer);
      const response = await fetch(request);
      exchanges.push({
        method: request.method,
        path: new URL(request.url).pathname,
        status: response.status,
        violations: response.headers.get('sl-violations'),
        contentType: request.headers.get('content-type'),
      });
      return response;
    },
  });
  return { client, exchanges, preferExample: (value: string | undefined) => (prefer = value) };
}

describe.skipIf(target.kind !== 'prism')('canonical requests against each dialect', () => {
  for (const contract of loadContracts()) {
    const dialect = contract.dialect as DialectId;
    describe(dialect, () => {
      for (const [shape, fields] of Object.entries(SHAPES)) {
        const request = { model: MODELS[dialect], ...fields } as VideoRequestInput;
        if (!DIALECT_FACTS[dialect].cannotExpress.includes(shape)) {
          it(`sends "${shape}" as a body the contract's mock accepts, and reads the task back`, async () => {
            const { client, exchanges } = recordingClient(dialect);
            const handle = await client.submit(request);
            // Accepted as the document answers a submit: 200, or 202 where the job runs on (openrouter).
            const accepted = expect.toSatisfy((status: number) => status === 200 || status === 202);
            expect(exchanges[0]).toMatchObject({ method: 'POST', status: accepted, violations: null });
            if (dialect === 'multipart-videos') expect(exchanges[0]?.contentType).toMatch(/^multipart\/form-data; boundary=/);
            expect(JSON.parse(JSON.stringify(handle))).toEqual(handle);
            expect(JSON.stringify(handle)).not.toContain('translate-test-key');
            const task = await client.get(handle);
            expect(exchanges[1]).toMatchObject({ method: 'GET', status: 200, violations: null });
            expect(TASK_STATUSES).toContain(task.status);
            expect(task.dialect).toBe(dialect);
          });
        } else {
          it(`refuses "${shape}" with a ValidationError naming the field, before any request`, async () => {
            const { client, exchanges } = recordingClient(dialect);
            const error = await client.submit(request).catch((caught: unknown) => caught);
            expect(error).toBeInstanceOf(ValidationError);
            expect((error as ValidationError).dialect).toBe(dialect);
            expect((error as ValidationError).issues.length).toBeGreaterThan(0);
            for (const issue of (error as ValidationError).issues) expect(issue.path).not.toBe('');
            expect(exchanges).toEqual([]);
          });
        }
      }

      const getTask = loadOperations(contract).find((operation) => operation.operationId === 'getTask');
      const answers = getTask?.responses.filter((response) => response.status === '200') ?? [];
      it.each(answers.map((answer) => [answer.name, answer] as const))('maps the documented task answer "%s" to a canonical task', async (name, answer) => {
        const { client, preferExample } = recordingClient(dialect);
        preferExample(`code=200, example=${name}`);
        const task = await client.get({ v: 1, dialect, model: MODELS[dialect], taskId: 'task-from-example', baseUrl: target.urls[dialect] ?? '' });
        expect(TASK_STATUSES).toContain(task.status);
        expect(task.raw).toEqual(answer.value);
        if (task.status === 'succeeded') expect(task.videoUrl).toMatch(/^https?:\/\//);
        if (task.status === 'failed') expect(task.error?.message ?? task.error?.code).toBeTruthy();
      });
    });
  }
});
