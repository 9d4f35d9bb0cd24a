// The per-dialect facts the tests use, in one place. A new dialect is one entry in DIALECT_FACTS
// (beside its document, adapter and simulator); every test that walks the dialects picks it up.
// What the documents state (operations, methods, paths) is read from them through the contract
// loader, never copied here; what is here is what the tests choose (a model to send, a minimal
// wire body) and test/support/dialects.test.ts checks it against the documents.
import { DIALECT_IDS, type DialectId, type TaskHandle } from '../../src/index.ts';
import { loadContracts, loadOperations, type Operation } from './contracts.ts';

export interface DialectFacts {
  /** A minimal createTask request on the wire, carrying `prompt`. */
  createRequest: (prompt: string) => { body: BodyInit; contentType?: string };
  /** A minimal task body on the wire carrying `status` (in the task schema named `schema`). */
  taskBody: (status: string, schema: string) => unknown;
  /** Operations that read back a created task, and the query string they need besides its id. */
  reads: Array<{ operationId: string; query?: (id: string) => string }>;
  /** Canonical request shapes (named in test/facade/translate.test.ts) the dialect cannot express: the client must refuse them before sending. */
  cannotExpress: string[];
}

/** A model id each dialect accepts, as its document names it. */
export const MODELS: Readonly<Record<DialectId, string>> = {
  ark: 'doubao-seedance-1-5-pro-251215',
  'content-metadata': 'doubao-seedance-2-0-260128',
  'multipart-videos': 'doubao-seedance-1-5-pro_720p',
  'unified-jobs': 'seedance2.0-720p',
  openrouter: 'bytedance/seedance-2.0',
};

/** An Ark task handle at `baseUrl` (by default a closed loopback port), for tests that script the answers. */
export function arkHandle(baseUrl = 'http://127.0.0.1:9/ark'): TaskHandle {
  return { v: 1, dialect: 'ark', model: MODELS.ark, taskId: 'cgt-20260101000000-abcde', baseUrl };
}

const json = (body: unknown) => ({ body: JSON.stringify(body), contentType: 'application/json' });

export const DIALECT_FACTS: Record<DialectId, DialectFacts> = {
  ark: {
    createRequest: (prompt) => json({ model: MODELS.ark, content: [{ type: 'text', text: prompt }], return_last_frame: true }),
    taskBody: (status) => ({ id: 'cgt-1', model: 'm', status, created_at: 1, updated_at: 1 }),
    reads: [{ operationId: 'getTask' }, { operationId: 'listTasks', query: (id) => `?filter.task_ids=${id}` }],
    cannotExpress: [],
  },
  'content-metadata': {
    createRequest: (prompt) => json({ model: MODELS['content-metadata'], content: [{ type: 'text', text: prompt }] }),
    taskBody: (status, schema) =>
      schema === 'UpstreamTaskStatus'
        ? { code: 'success', data: { task_id: 'task_1', status: 'IN_PROGRESS', progress: '50%', data: { status } } }
        : { code: 'success', data: { task_id: 'task_1', status, progress: '10%' } },
    reads: [{ operationId: 'getTask' }, { operationId: 'downloadVideoContent' }],
    cannotExpress: [],
  },
  'multipart-videos': {
    createRequest: (prompt) => {
      const form = new FormData();
      form.set('model', MODELS['multipart-videos']);
      form.set('prompt', prompt);
      form.set('seconds', '5');
      return { body: form };
    },
    taskBody: (status) => ({ id: 'video_1', object: 'video', model: 'm', status, progress: 0, created_at: 1 }),
    reads: [{ operationId: 'getTask' }, { operationId: 'downloadVideoContent' }],
    // Text or one/two frames uploaded as files: no URLs, references, audio, drafts or extra parameters.
    cannotExpress: [
      'first frame by URL',
      'reference images',
      'reference video',
      'source video to edit',
      'reference audio with an image',
      'draft task',
      'generation parameters',
      'callback URL',
    ],
  },
  'unified-jobs': {
    createRequest: (prompt) => json({ model: MODELS['unified-jobs'], duration: 5, content: [{ type: 'text', text: prompt }] }),
    taskBody: (status, schema) => ({
      id: 'task_1',
      task_id: 'task_1',
      object: schema === 'OpenAIVideoStatus' ? 'video' : 'video.generation.job',
      model: 'm',
      status,
      raw_status: 'X',
      progress: 0,
      created_at: 1,
      video_url: null,
    }),
    reads: [{ operationId: 'getTask' }, { operationId: 'getTaskAlias' }],
    cannotExpress: ['draft task', 'callback URL'],
  },
  openrouter: {
    createRequest: (prompt) => json({ model: MODELS.openrouter, prompt, duration: 5 }),
    taskBody: (status) => ({ id: 'gen-vid-1-a', polling_url: '/api/v1/videos/gen-vid-1-a', status }),
    reads: [{ operationId: 'getTask' }, { operationId: 'downloadVideoContent' }],
    // Frames and references as URLs, no source video to edit, no draft, no watermark or last frame.
    cannotExpress: ['source video to edit', 'draft task', 'generation parameters'],
  },
};

/** Every dialect, in the library's order. */
export const DIALECTS: readonly DialectId[] = DIALECT_IDS;

const OPERATIONS = new Map(loadContracts().map((contract) => [contract.dialect, loadOperations(contract)]));

/** The dialect's operation, as its document states it. */
export function operationOf(dialect: DialectId, operationId: string): Operation {
  const operation = OPERATIONS.get(dialect)?.find((candidate) => candidate.operationId === operationId);
  if (!operation) throw new Error(`openapi/${dialect}.yaml has no operation ${operationId}`);
  return operation;
}

/** The operation's path with every path parameter set to `id` (the dialects' task paths take one). */
export function pathOf(dialect: DialectId, operationId: string, id: string): string {
  return operationOf(dialect, operationId).path.replace(/\{[^}]+\}/g, encodeURIComponent(id));
}
