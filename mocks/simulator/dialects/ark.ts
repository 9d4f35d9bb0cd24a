// The `ark` dialect in the simulator: Ark's task API, its statuses and fields, list with filters
// and paging, and DELETE that cancels a queued task and refuses a running one
// (openapi/ark.yaml; Ark list tasks (Ark Go SDK, Ark Python SDK, Volcengine docs copy and BytePlus ModelArk docs),
// Ark DELETE (Volcengine docs copy and BytePlus ModelArk docs)).
import errorTable from '../../../generated/ark.errors.json' with { type: 'json' };
import type { components } from '../../../generated/ark.ts';
import { checkParameters, requestDefault } from '../../../src/contracts/index.ts';
import { wireStatus } from './wire-status.ts';
import { cancelTask, changedAt, ids, keptFields, statusAt, type SimTask } from '../tasks.ts';
import { errorWords } from './error-words.ts';
import { PROBLEM_STATUS, requestId, epochSeconds, type DialectSimulator, type HandlerReply, type Problem, type SimContext } from './types.ts';

type Task = components['schemas']['Task'];

/** Fields whose defaults the contract states; the renderer takes them from there. */
const DEFAULTED = ['duration', 'execution_expires_after', 'generate_audio', 'draft', 'service_tier', 'seed', 'resolution', 'ratio'] as const;

/** The contract's defaults for DEFAULTED, per dialect: read from the schema once, not on every render. */
const defaultsCache = new Map<'ark' | 'content-metadata', Record<string, unknown>>();

function statedDefaults(dialect: 'ark' | 'content-metadata'): Record<string, unknown> {
  const cached = defaultsCache.get(dialect);
  if (cached) return cached;
  const field = (name: string) => (dialect === 'ark' ? name : `/metadata/${name}`);
  const defaults: Record<string, unknown> = Object.fromEntries(
    DEFAULTED.map((name) => [name, requestDefault(dialect, 'createTask', field(name))]).filter(([, value]) => value !== undefined),
  );
  defaultsCache.set(dialect, defaults);
  return defaults;
}

/**
 * The request's parameters with the contract's defaults filled in, from the document of the
 * dialect the task was submitted in: Ark's top-level fields, or content-metadata's `metadata{}`
 * (whose defaults differ: generate_audio false there, true on Ark).
 */
function withDefaults(dialect: 'ark' | 'content-metadata', request: Record<string, unknown>): Record<string, unknown> {
  const defaults = statedDefaults(dialect);
  // Spread copies own properties as data (a `__proto__` key from JSON stays a plain key).
  const merged: Record<string, unknown> = { ...defaults, ...request };
  for (const name of Object.keys(request)) {
    if (request[name] !== undefined) continue;
    if (Object.hasOwn(defaults, name)) merged[name] = defaults[name];
    else delete merged[name];
  }
  return merged;
}

/** Ark's error envelope, in the words openapi/ark.yaml's answers show for the operation and status (error-words.ts). */
function arkError(problem: Problem, operationId: string | undefined): HandlerReply {
  const status = PROBLEM_STATUS[problem.kind];
  const { code, type } = errorWords(errorTable, status, operationId);
  const missing = problem.rule?.endsWith('-required') || /required property/.test(problem.message);
  const param =
    problem.field
      ?.replace(/^\//, '')
      .replace(/\/(\d+)/g, '[$1]')
      .replace(/\//g, '.') ?? '';
  const error: components['schemas']['ErrorResponse'] = {
    // A missing field is Ark's MissingParameter (the document's missing-model example), any other 400 its InvalidParameter.
    error: {
      code: problem.kind === 'invalid' && missing ? 'MissingParameter' : (code ?? ''),
      message: `${problem.message} Request id: ${requestId()}`,
      param,
      type,
    },
  };
  return { status, body: error, ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}) };
}

/**
 * A task as Ark's GET answers it: content and usage only once it has succeeded. `dialect` is where
 * the task was submitted (content-metadata relays to Ark): its document gives the defaults and,
 * for a relayed task, the status words of the upstream body.
 */
export function renderArkTask(context: SimContext, task: SimTask, id = task.id, dialect: 'ark' | 'content-metadata' = 'ark'): Task {
  const now = context.clock.now();
  const status = statusAt(task, now);
  // A field the request left out reads as the contract's default for it.
  const request = withDefaults(dialect, task.request);
  const duration = Number(request.duration);
  const word = dialect === 'ark' ? wireStatus('ark', 'TaskStatus', status) : wireStatus('content-metadata', 'UpstreamTaskStatus', status);
  const rendered: Task = {
    id,
    model: task.model,
    // The table lists only the enum's words, so the word is one the generated type names.
    status: word as Task['status'],
    error: status === 'failed' || status === 'expired' ? (task.failure ?? null) : null,
    created_at: epochSeconds(task.createdAt),
    updated_at: epochSeconds(changedAt(task, now, status)),
    // -1 (random) is reported as the seed Ark picked; resolution and ratio default by model on
    // Ark (no contract default), usually 720p and 16:9.
    seed: typeof request.seed === 'number' && request.seed >= 0 ? request.seed : 42,
    resolution: typeof request.resolution === 'string' ? request.resolution : '720p',
    ratio: typeof request.ratio === 'string' ? request.ratio : '16:9',
    duration,
    framespersecond: 24,
    service_tier: String(request.service_tier),
    execution_expires_after: Number(request.execution_expires_after),
    generate_audio: request.generate_audio === true,
    draft: request.draft === true,
  };
  if (status === 'succeeded') {
    rendered.content = { video_url: context.videoUrl(task), ...(task.returnLastFrame ? { last_frame_url: context.lastFrameUrl(task) } : {}) };
    const tokens = Math.round((duration * 1280 * 720 * 24) / 1024);
    rendered.usage = { completion_tokens: tokens, total_tokens: tokens };
  }
  return rendered;
}

/** The prompt text of an Ark content array (for the scenario marker and the record): its text items, one per line. */
function promptOf(body: Record<string, unknown>): string {
  const content = Array.isArray(body.content) ? (body.content as Array<{ type?: string; text?: string }>) : [];
  // A loop, not filter/map/join: this runs on every create (node --cpu-prof under autocannon).
  let prompt: string | undefined;
  for (const item of content) {
    if (item.type !== 'text') continue;
    const text = item.text ?? '';
    prompt = prompt === undefined ? `${text}` : `${prompt}\n${text}`;
  }
  return prompt ?? '';
}

export const simulator: DialectSimulator = {
  id: 'ark',
  error: (problem, operationId) => arkError(problem, operationId),
  unknownPath: (message) => arkError({ kind: 'not-found', message }, undefined),
  callbackBody: (context, task) => renderArkTask(context, task),
  routes: [
    {
      operationId: 'createTask',
      handle(context, { body }) {
        const now = context.clock.now();
        const task: SimTask = {
          id: context.store.freshId(() => ids.ark(now)),
          dialect: 'ark',
          model: String(body.model),
          createdAt: now,
          timeline: [],
          request: keptFields({ ...body, prompt: promptOf(body) }),
          returnLastFrame: body.return_last_frame === true,
        };
        if (typeof body.callback_url === 'string') task.callbackUrl = body.callback_url;
        if (!context.accept(task)) return context.full();
        return { status: 200, body: { id: task.id } satisfies components['schemas']['CreateTaskResponse'] };
      },
    },
    {
      operationId: 'listTasks',
      handle(context, { query }) {
        const problems = checkParameters('ark', 'listTasks', query);
        if (problems[0])
          return arkError(
            { kind: 'invalid', field: problems[0].path, rule: problems[0].rule, message: `${problems[0].message} [${problems[0].rule}]` },
            'listTasks',
          );
        const now = context.clock.now();
        const wanted = {
          status: query.get('filter.status'),
          ids: query.getAll('filter.task_ids'),
          model: query.get('filter.model'),
          tier: query.get('filter.service_tier'),
        };
        const matching = context.store
          .list('ark', now)
          .filter(
            (task) =>
              (!wanted.status || statusAt(task, now) === wanted.status) &&
              (wanted.ids.length === 0 || wanted.ids.includes(task.id)) &&
              (!wanted.model || task.model === wanted.model) &&
              (!wanted.tier || (task.request.service_tier ?? 'default') === wanted.tier),
          );
        const pageNum = Number(query.get('page_num') ?? 1);
        const pageSize = Number(query.get('page_size') ?? 10);
        const page = matching.slice((pageNum - 1) * pageSize, pageNum * pageSize);
        const answer: components['schemas']['ListTasksResponse'] = { total: matching.length, items: page.map((task) => renderArkTask(context, task)) };
        return { status: 200, body: answer };
      },
    },
    {
      operationId: 'getTask',
      handle(context, { params }) {
        const task = context.store.get(params.id ?? '', context.clock.now());
        if (task?.dialect !== 'ark') return arkError({ kind: 'not-found', field: '/id', message: `The specified task ${params.id} is not found.` }, 'getTask');
        return { status: 200, body: renderArkTask(context, task) };
      },
    },
    {
      operationId: 'deleteTask',
      handle(context, { params }) {
        const now = context.clock.now();
        const task = context.store.get(params.id ?? '', now);
        if (task?.dialect !== 'ark')
          return arkError({ kind: 'not-found', field: '/id', message: `The specified task ${params.id} is not found.` }, 'deleteTask');
        const status = statusAt(task, now);
        if (status === 'running' || status === 'cancelled') {
          return arkError({ kind: 'conflict', field: '/id', message: `The task ${task.id} is ${status} and cannot be cancelled or deleted.` }, 'deleteTask');
        }
        // A queued task is cancelled (and stays queryable); a finished one is deleted.
        if (status === 'queued') cancelTask(task, now);
        else context.store.delete(task.id);
        return { status: 200, body: {} satisfies components['schemas']['DeleteTaskResponse'] };
      },
    },
  ],
};
