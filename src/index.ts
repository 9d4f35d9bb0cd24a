// The toolkit's public entry point: everything the core entry (src/core.ts) exports, with
// createClient built with all four dialects in place of the core's, and the by-dialect tables.
export * from './core.ts';
export { createClient, type ClientOptions } from './client.ts';
export { VideoRequest } from './request.ts';
export { checkRequestBody, contracts } from './contract.ts';
export { dialects, type RawClientOptions } from './dialects/index.ts';
export type { Clock, RetryOptions } from './retry.ts';
