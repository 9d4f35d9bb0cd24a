// The `openrouter` dialect in the simulator: jobs answered `202` with a polling URL that points
// back at this simulator, `unsigned_urls` naming its own content endpoint, the MP4 streamed there,
// and the models list answered from the document's own list of Seedance models
// (openapi/openrouter.yaml; OpenRouter API reference and OpenRouter TypeScript SDK).
import { KNOWN_MODELS } from '../../../generated/dialects.ts';
import type { components } from '../../../generated/openrouter.ts';
import { checkParameters } from '../../../src/contracts/index.ts';
import type { TaskStatus } from '../../../src/task.ts';
import { keptFields, randomToken, statusAt, type SimTask } from '../tasks.ts';
import { wireStatus } from './wire-status.ts';
import { PROBLEM_STATUS, epochSeconds, type DialectSimulator, type HandlerReply, type Problem, type SimContext } from './types.ts';

type Job = components['schemas']['Task'];
type VideoModel = components['schemas']['VideoModel'];

const PATHS = { job: '/api/v1/videos', content: (id: string) => `/api/v1/videos/${encodeURIComponent(id)}/content` } as const;

/** OpenRouter's envelope: the HTTP status again as `error.code`, the field and rule as metadata. */
function errorAnswer(status: number, message: string, metadata?: Record<string, string>): HandlerReply {
  const body: components['schemas']['ErrorResponse'] = { error: { code: status, message, ...(metadata ? { metadata } : {}) } };
  return { status, body, ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}) };
}

function openRouterError(problem: Problem): HandlerReply {
  const metadata = problem.field ? { field: problem.field, ...(problem.rule ? { rule: problem.rule } : {}) } : undefined;
  return errorAnswer(PROBLEM_STATUS[problem.kind], problem.message, metadata);
}

/** The word OpenRouter writes for a status, from the document's table (src/statuses.ts). */
function word(status: TaskStatus): Job['status'] {
  // The table lists only the enum's words, so the word is one the generated type names.
  return wireStatus('openrouter', 'TaskStatus', status) as Job['status'];
}

/** Where this simulator serves the dialect: its polling and content URLs point back here. */
const base = (context: SimContext) => `${context.origin}/openrouter`;

function renderJob(context: SimContext, task: SimTask): Job {
  const status = statusAt(task, context.clock.now());
  const job: Job = { id: task.id, polling_url: `${base(context)}${PATHS.job}/${encodeURIComponent(task.id)}`, status: word(status) };
  if (status !== 'queued') job.generation_id = `gen-${epochSeconds(task.createdAt)}-${task.id.slice(-20)}`;
  if (status === 'succeeded') {
    job.unsigned_urls = [`${base(context)}${PATHS.content(task.id)}?index=0`];
    job.urls = [context.videoUrl(task)];
    job.usage = { cost: 0.5, is_byok: false };
  }
  if ((status === 'failed' || status === 'expired') && task.failure) job.error = task.failure.message;
  return job;
}

function find(context: SimContext, id: string | undefined): SimTask | undefined {
  const task = context.store.get(id ?? '', context.clock.now());
  return task?.dialect === 'openrouter' ? task : undefined;
}

/** The document's known models, in the models list's shape (the document gives no creation time). */
function listedModels(): VideoModel[] {
  return KNOWN_MODELS.filter((model) => model.dialect === 'openrouter').map((model) => ({
    id: model.id,
    canonical_slug: model.id,
    name: model.name ?? model.id,
    created: 0,
    supported_durations: model.durations ? [...model.durations] : null,
    supported_resolutions: model.resolutions ? [...model.resolutions] : null,
    supported_aspect_ratios: model.aspectRatios ? [...model.aspectRatios] : null,
    supported_sizes: null,
    supported_frame_images: model.frameImages ? [...model.frameImages] : null,
    generate_audio: model.generateAudio ?? null,
    seed: model.seed ?? null,
    creativity: null,
    upscale_factor: null,
    allowed_passthrough_parameters: [],
  }));
}

const notFound = (id: string | undefined) => openRouterError({ kind: 'not-found', field: '/jobId', message: `Video job ${id} not found` });

export const simulator: DialectSimulator = {
  id: 'openrouter',
  error: (problem) => openRouterError(problem),
  unknownPath: (message) => openRouterError({ kind: 'not-found', message }),
  callbackBody: (context, task) => renderJob(context, task),
  routes: [
    {
      operationId: 'createTask',
      handle(context, { body }) {
        const now = context.clock.now();
        const task: SimTask = {
          // gen-vid-<timestamp>-<20 alphanumerics>, the SDK's documented id format.
          id: context.store.freshId(() => `gen-vid-${epochSeconds(now)}-${randomToken(20)}`),
          dialect: 'openrouter',
          model: String(body.model),
          createdAt: now,
          timeline: [],
          request: keptFields(body),
          returnLastFrame: false,
        };
        if (typeof body.callback_url === 'string') task.callbackUrl = body.callback_url;
        if (!context.accept(task)) return context.full();
        return { status: 202, body: renderJob(context, task) };
      },
    },
    {
      operationId: 'getTask',
      handle(context, { params }) {
        const task = find(context, params.jobId);
        return task ? { status: 200, body: renderJob(context, task) } : notFound(params.jobId);
      },
    },
    {
      operationId: 'downloadVideoContent',
      handle(context, { params, query }) {
        const [problem] = checkParameters('openrouter', 'downloadVideoContent', query);
        if (problem)
          return openRouterError({
            kind: 'invalid',
            field: problem.path,
            rule: problem.rule,
            message: `${problem.path}: ${problem.message} [${problem.rule}]`,
          });
        const task = find(context, params.jobId);
        if (!task) return notFound(params.jobId);
        const status = statusAt(task, context.clock.now());
        if (status === 'expired') return errorAnswer(410, 'The video has expired and is no longer available');
        if (status !== 'succeeded') return errorAnswer(409, `Video job is not completed (status: ${word(status)})`);
        const index = Number(query.get('index') ?? 0);
        if (index !== 0) return errorAnswer(400, `The job has 1 video; index ${index} is out of range`, { field: '/query/index' });
        return { status: 200, bytes: { data: context.video, type: 'video/mp4' } };
      },
    },
    {
      operationId: 'listModels',
      handle: () => ({ status: 200, body: { data: listedModels() } satisfies components['schemas']['ModelList'] }),
    },
  ],
};
