// The core entry (seedance-contracts/core): the client without any dialect in it. Build it from the
// dialect adapters an app needs, each from its own entry, and the app bundles those dialects'
// contracts alone:
//
//   import { createClient } from 'seedance-contracts/core';
//   import { ark } from 'seedance-contracts/dialects/ark';
//   const client = createClient({ dialects: [ark], baseUrl: 'https://ark.cn-beijing.volces.com', apiKey });
//
// The root entry's createClient is this client built with every dialect.
export {
  createClient,
  type AnyDialectAdapter,
  type ClientSettings,
  type DialectClientOptions,
  type DownloadOptions,
  type PreparedRequest,
  type RequestOptions,
  type SeedanceClient,
  type ValidationMode,
  type ValidationWarning,
  type WaitOptions,
} from './client.ts';
export { defaultRoutes, dialectsSelling, routeModel, type Route } from './routing.ts';
export { parseVideoRequest, type VideoRequestInput, type MediaSource } from './request.ts';
export { TASK_STATUSES, TERMINAL_STATUSES, isTerminal, type Task, type TaskHandle, type TaskStatus } from './task.ts';
export { dialectOfBaseUrl, expandDialectTemplate, isLoopbackUrl, resolveBaseUrls, type BaseUrlOption, type GatewayDialect } from './base-url.ts';
export { DEFAULT_MAX_ANSWER_BYTES } from './http/answer.ts';
export { DEFAULT_MAX_VIDEO_BYTES, VIDEO_MEDIA_TYPES } from './download.ts';
export {
  AbortedError,
  AnswerTooLargeError,
  ApiError,
  ConnectionError,
  NotAVideoError,
  RequestTimeoutError,
  TaskStateError,
  UntrustedBaseUrlError,
  SeedanceError,
  TaskFailedError,
  UnknownModelError,
  UnknownStatusError,
  UnreadableAnswerError,
  UnsupportedOperationError,
  ValidationError,
  VideoTooLargeError,
  WaitTimeoutError,
  type OtherDialects,
  type ValidationIssue,
} from './errors.ts';
export { DIALECT_IDS, isDialectId, KNOWN_MODELS, type DialectId, type KnownModel } from '../generated/dialects.ts';
export type { DialectAdapter } from './dialects/shared/adapter.ts';
export type { RawClientOptions } from './http/raw-client.ts';
export type { Clock, RetryOptions } from './http/retry.ts';
