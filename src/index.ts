// The toolkit's public entry point.
export { createClient, type ClientOptions, type PreparedRequest, type RequestOptions, type SeedanceClient, type WaitOptions } from './client.ts';
export { defaultRoutes, routeModel, type Route } from './routing.ts';
export { parseVideoRequest, VideoRequest, type VideoRequestInput, type MediaSource } from './request.ts';
export { TASK_STATUSES, TERMINAL_STATUSES, isTerminal, type Task, type TaskHandle, type TaskStatus } from './task.ts';
export { expandDialectTemplate, isLoopbackUrl, resolveBaseUrls, type BaseUrlOption } from './base-url.ts';
export {
  AbortedError,
  ApiError,
  ConnectionError,
  RequestTimeoutError,
  TaskStateError,
  UntrustedBaseUrlError,
  SeedanceError,
  TaskFailedError,
  UnknownModelError,
  UnknownStatusError,
  UnsupportedOperationError,
  ValidationError,
  WaitTimeoutError,
  type ValidationIssue,
} from './errors.ts';
export { checkRequestBody, contracts } from './contract.ts';
export { DIALECT_IDS, dialects, isDialectId, type DialectId, type RawClientOptions } from './dialects/index.ts';
export type { Clock, RetryOptions } from './retry.ts';
