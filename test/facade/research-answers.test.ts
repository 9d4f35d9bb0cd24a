// Answers shaped as the research documents them (the Ark task object, new-api TaskDto
// and OpenAI video object, the OctopusX query pages, the UniAll job object, OpenRouter's video job;
// sources in openapi/CONVENTIONS.md), one per status word of every
// dialect, written here from those shapes and not from the simulator's renderer. Each must be
// accepted by its response schema and read as the right canonical task, with the video URL found
// wherever the gateway put it.
import { describe, expect, it } from 'vitest';
import type { DialectId, TaskHandle, TaskStatus } from '../../src/index.ts';
import { adapters } from '../../src/dialects/index.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';
import { prismOperations, validateResponse } from '../support/prism-validation.ts';

const URL = 'https://ark-content-generation-cn-beijing.tos-cn-beijing.volces.com/doubao-seedance-2-0/02.mp4?X-Tos-Expires=86400';
const ERROR = { code: 'OutputVideoSensitiveContentDetected', message: 'The generated video may contain sensitive content.' };

interface Answer {
  name: string;
  operationId: string;
  body: unknown;
  status: TaskStatus;
  videoUrl?: string;
}

const arkTask = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'cgt-20250331175019-68d9t',
  model: 'doubao-seedance-2-0-260128',
  status,
  created_at: 1743414619,
  updated_at: 1743414673,
  ...extra,
});
const taskDto = (status: string, progress: string, extra: Record<string, unknown> = {}) => ({
  code: 'success',
  message: '',
  data: {
    id: 63,
    created_at: 1775908082,
    updated_at: 1775908090,
    task_id: 'task_xxxxx',
    platform: '54',
    user_id: 1,
    group: 'default',
    channel_id: 3,
    quota: 123,
    action: 'generate',
    status,
    fail_reason: '',
    submit_time: 1775908082,
    start_time: 1775908086,
    finish_time: 0,
    progress,
    properties: {},
    ...extra,
  },
});
const openAiVideo = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'task_abc',
  task_id: 'task_abc',
  object: 'video',
  model: 'doubao-seedance-2-0-260128',
  status,
  progress: 50,
  created_at: 1760000000,
  ...extra,
});
const octopusVideo = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'video_bbfbc1d2-ab22-44ca-b9dd-bc16983acac2',
  object: 'video',
  model: 'doubao-seedance-1-5-pro_720p',
  status,
  progress: 50,
  created_at: 1761635478,
  seconds: '5',
  size: '720x720',
  ...extra,
});
const job = (status: string, raw: string, extra: Record<string, unknown> = {}) => ({
  id: 'task_xxx',
  task_id: 'task_xxx',
  object: 'video.generation.job',
  model: 'seedance2.0-720p',
  status,
  raw_status: raw,
  progress: 0,
  created_at: 1774405050,
  video_url: null,
  ...extra,
});

// OpenRouter API reference and TypeScript SDK (VideoGenerationResponse example): a job id and its relative polling URL.
const openRouterJob = (status: string, extra: Record<string, unknown> = {}) => ({
  id: 'job-abc123',
  polling_url: '/api/v1/videos/job-abc123',
  status,
  ...extra,
});
const SIGNED = 'https://storage.openrouter.ai/videos/job-abc123/0.mp4?signature=x';

const ANSWERS: Record<DialectId, Answer[]> = {
  ark: [
    { name: 'queued (Ark task object: only id, model, status, times)', operationId: 'getTask', body: arkTask('queued'), status: 'queued' },
    { name: 'not_start (Ark task object, briefly on 2.0)', operationId: 'getTask', body: arkTask('not_start'), status: 'queued' },
    { name: 'running', operationId: 'getTask', body: arkTask('running'), status: 'running' },
    {
      name: 'succeeded with content.video_url',
      operationId: 'getTask',
      body: arkTask('succeeded', { content: { video_url: URL }, usage: { completion_tokens: 108900, total_tokens: 108900 } }),
      status: 'succeeded',
      videoUrl: URL,
    },
    { name: 'failed with error', operationId: 'getTask', body: arkTask('failed', { error: ERROR }), status: 'failed' },
    { name: 'cancelled', operationId: 'getTask', body: arkTask('cancelled'), status: 'cancelled' },
    { name: 'expired', operationId: 'getTask', body: arkTask('expired'), status: 'expired' },
  ],
  'content-metadata': [
    { name: 'NOT_START', operationId: 'getTask', body: taskDto('NOT_START', '0%'), status: 'queued' },
    {
      name: 'SUBMITTED with the submit answer stored',
      operationId: 'getTask',
      body: taskDto('SUBMITTED', '0%', { data: { id: 'cgt-20260412163502-x8k2m' } }),
      status: 'queued',
    },
    { name: 'QUEUED over Ark pending', operationId: 'getTask', body: taskDto('QUEUED', '10%', { data: arkTask('pending') }), status: 'queued' },
    {
      name: 'IN_PROGRESS over Ark processing (OctopusX Query Task)',
      operationId: 'getTask',
      body: taskDto('IN_PROGRESS', '50%', { data: { status: 'processing', duration: 5, resolution: '720p', ratio: '16:9', content: {}, usage: {} } }),
      status: 'running',
    },
    {
      name: 'IN_PROGRESS over an expired Ark task (new-api status mapping quirk)',
      operationId: 'getTask',
      body: taskDto('IN_PROGRESS', '30%', { data: arkTask('expired') }),
      status: 'expired',
    },
    {
      name: 'SUCCESS with the URL in result_url and in the Ark body',
      operationId: 'getTask',
      body: taskDto('SUCCESS', '100%', { result_url: URL, finish_time: 1775908190, data: arkTask('succeeded', { content: { video_url: URL } }) }),
      status: 'succeeded',
      videoUrl: URL,
    },
    {
      name: 'SUCCESS with the URL only in result_url (the Ark body has no content)',
      operationId: 'getTask',
      body: taskDto('SUCCESS', '100%', { result_url: URL, finish_time: 1775908190, data: arkTask('succeeded') }),
      status: 'succeeded',
      videoUrl: URL,
    },
    {
      name: 'SUCCESS with no upstream body at all',
      operationId: 'getTask',
      body: taskDto('SUCCESS', '100%', { result_url: URL, data: null }),
      status: 'succeeded',
      videoUrl: URL,
    },
    {
      name: 'FAILURE with fail_reason',
      operationId: 'getTask',
      body: taskDto('FAILURE', '100%', { fail_reason: ERROR.message, data: arkTask('failed', { error: ERROR }) }),
      status: 'failed',
    },
    { name: 'UNKNOWN with nothing upstream', operationId: 'getTask', body: taskDto('UNKNOWN', '30%'), status: 'unknown' },
  ],
  'multipart-videos': [
    { name: 'queued', operationId: 'getTask', body: octopusVideo('queued', { progress: 0 }), status: 'queued' },
    { name: 'processing (OctopusX Doubao Task Status Query)', operationId: 'getTask', body: octopusVideo('processing'), status: 'running' },
    {
      name: 'completed with a top-level video_url (OctopusX Doubao Task Status Query)',
      operationId: 'getTask',
      body: octopusVideo('completed', { progress: 100, completed_at: 1761635500, video_url: URL }),
      status: 'succeeded',
      videoUrl: URL,
    },
    { name: 'failed with error', operationId: 'getTask', body: octopusVideo('failed', { error: ERROR }), status: 'failed' },
    { name: 'cancelled', operationId: 'getTask', body: octopusVideo('cancelled'), status: 'cancelled' },
    { name: 'in_progress, as a stock new-api answers (new-api fetch responses)', operationId: 'getTask', body: openAiVideo('in_progress'), status: 'running' },
    {
      name: 'completed with the URL at metadata.url, as a stock new-api answers (new-api fetch responses)',
      operationId: 'getTask',
      body: openAiVideo('completed', { progress: 100, completed_at: 1760000020, metadata: { url: URL } }),
      status: 'succeeded',
      videoUrl: URL,
    },
    { name: 'unknown, as a stock new-api answers (new-api status mapping)', operationId: 'getTask', body: openAiVideo('unknown'), status: 'unknown' },
  ],
  'unified-jobs': [
    { name: 'job queued / PENDING (UniAll gateway origin)', operationId: 'getTask', body: job('queued', 'PENDING'), status: 'queued' },
    { name: 'job in_progress', operationId: 'getTask', body: job('in_progress', 'IN_PROGRESS', { progress: 50 }), status: 'running' },
    {
      name: 'job completed with result.outputs and video_url',
      operationId: 'getTaskAlias',
      body: job('completed', 'COMPLETED', { progress: 100, video_url: URL, result: { outputs: [URL], video_url: URL } }),
      status: 'succeeded',
      videoUrl: URL,
    },
    {
      name: 'job completed with the URL only in result.outputs',
      operationId: 'getTaskAlias',
      body: job('completed', 'COMPLETED', { progress: 100, result: { outputs: [URL] } }),
      status: 'succeeded',
      videoUrl: URL,
    },
    { name: 'job failed', operationId: 'getTask', body: job('failed', 'FAILED', { error: ERROR }), status: 'failed' },
    {
      name: 'OpenAI video queued on /v1/videos/{task_id} (new-api fetch responses)',
      operationId: 'getTask',
      body: openAiVideo('queued', { progress: 0 }),
      status: 'queued',
    },
    { name: 'OpenAI video in_progress', operationId: 'getTask', body: openAiVideo('in_progress'), status: 'running' },
    {
      name: 'OpenAI video completed with metadata.url',
      operationId: 'getTask',
      body: openAiVideo('completed', { progress: 100, completed_at: 1760000020, metadata: { url: URL } }),
      status: 'succeeded',
      videoUrl: URL,
    },
    { name: 'OpenAI video failed', operationId: 'getTask', body: openAiVideo('failed', { error: ERROR }), status: 'failed' },
    { name: 'OpenAI video unknown', operationId: 'getTask', body: openAiVideo('unknown'), status: 'unknown' },
  ],
  openrouter: [
    { name: 'pending (OpenRouter TypeScript SDK example)', operationId: 'getTask', body: openRouterJob('pending'), status: 'queued' },
    { name: 'in_progress', operationId: 'getTask', body: openRouterJob('in_progress'), status: 'running' },
    {
      name: 'completed with unsigned_urls, generation_id and usage (OpenRouter API reference poll example)',
      operationId: 'getTask',
      body: openRouterJob('completed', { generation_id: 'gen-xyz789', unsigned_urls: ['https://storage.example.com/video.mp4'], usage: { cost: 0.5 } }),
      status: 'succeeded',
      videoUrl: 'https://storage.example.com/video.mp4',
    },
    {
      name: 'completed with a signed storage URL beside the content endpoint (urls vs unsigned_urls)',
      operationId: 'getTask',
      body: openRouterJob('completed', { unsigned_urls: ['https://openrouter.ai/api/v1/videos/job-abc123/content?index=0'], urls: [SIGNED] }),
      status: 'succeeded',
      videoUrl: SIGNED,
    },
    { name: 'failed with error', operationId: 'getTask', body: openRouterJob('failed', { error: ERROR.message }), status: 'failed' },
    { name: 'cancelled', operationId: 'getTask', body: openRouterJob('cancelled'), status: 'cancelled' },
    { name: 'expired', operationId: 'getTask', body: openRouterJob('expired'), status: 'expired' },
  ],
};

for (const contract of loadContracts()) {
  const dialect = contract.dialect as DialectId;
  const operations = loadOperations(contract);
  const prism = await prismOperations(contract);
  const handle: TaskHandle = { v: 1, dialect, model: 'm', taskId: 'task_handle', baseUrl: 'http://127.0.0.1:9' };

  describe(`${dialect}: research-shaped answers`, () => {
    it.each(ANSWERS[dialect].map((answer) => [answer.name, answer] as const))('%s', (_, answer) => {
      const operation = operations.find((candidate) => candidate.operationId === answer.operationId)!;
      expect(
        validateResponse(prism.get(`${operation.method} ${operation.path}`)!, '200', 'application/json', answer.body),
        'the response schema takes it',
      ).toEqual([]);
      const task = adapters[dialect].fromWire(answer.body, handle);
      expect(task.status).toBe(answer.status);
      expect(task.videoUrl).toBe(answer.videoUrl);
      expect(task.raw).toBe(answer.body);
    });
  });
}
