// The `ark` dialect (openapi/ark.yaml): Volcengine Ark / BytePlus ModelArk native task API.
import type { components, paths } from '../../generated/ark.ts';
import type { VideoRequest } from '../request.ts';
import type { TaskHandle } from '../task.ts';
import { type DialectAdapter, deepMerge, defined } from './adapter.ts';
import { arkContent, fromArkTask } from './ark-shapes.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from './raw-client.ts';

// Every generated type: paths, components, operations and the root names (CreateTaskRequest, Task, ...).
export type * from '../../generated/ark.ts';
export const dialect = 'ark';

/** The openapi-fetch client for this dialect, typed by generated/ark.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}

type CreateTaskRequest = components['schemas']['CreateTaskRequest'];

/** Canonical request → Ark createTask body. Ark has a top-level field for every canonical field. */
export async function toWire(request: VideoRequest) {
  const body = defined({
    model: request.model,
    content: await arkContent(request),
    duration: request.duration,
    frames: request.frames,
    resolution: request.resolution,
    ratio: request.ratio,
    seed: request.seed,
    camera_fixed: request.cameraFixed,
    watermark: request.watermark,
    generate_audio: request.generateAudio,
    return_last_frame: request.returnLastFrame,
    draft: request.draft,
    service_tier: request.serviceTier,
    execution_expires_after: request.executionExpiresAfter,
    callback_url: request.callbackUrl,
  });
  return { body: deepMerge(body, request.passthrough?.ark), issues: [] };
}

/** Ark task object → canonical task. */
export function fromWire(body: unknown, handle: TaskHandle) {
  return fromArkTask('ark', body as components['schemas']['Task'], handle);
}

type Client = ReturnType<typeof createRawClient>;

export const adapter: DialectAdapter<Client> = {
  id: 'ark',
  createRawClient,
  toWire,
  fromWire,
  taskIdOf: (submitted) => (submitted as components['schemas']['CreateTaskResponse'] | undefined)?.id,
  submit: (client, body, call) => client.POST('/api/v3/contents/generations/tasks', { body: body as CreateTaskRequest, ...call }),
  get: (client, id, call) => client.GET('/api/v3/contents/generations/tasks/{id}', { params: { path: { id } }, ...call }),
  deleteTask: (client, id, call) => client.DELETE('/api/v3/contents/generations/tasks/{id}', { params: { path: { id } }, ...call }),
};
