// The toolkit's public entry point: everything the core entry (src/core.ts) exports, with
// createClient built with every dialect in place of the core's, and the by-dialect tables.
//
//   const client = createClient({ baseUrl: 'https://gateway.example', apiKey: process.env.KEY });
//   const handle = await client.submit({ model: 'doubao-seedance-2-0-260128', prompt: '...' });
//   const task = await client.wait(handle, { onProgress: (t) => console.log(t.status, t.progress) });
//
// An app that talks to one gateway builds the client from that dialect alone instead, and bundles
// that dialect's contract alone: `createClient({ dialects: [ark], ... })` from seedance-contracts/core.
import { createClient as createDialectClient, type ClientSettings, type SeedanceClient } from './client.ts';
import { adapters } from './dialects/index.ts';
import type { DialectId } from '../generated/dialects.ts';

export interface ClientOptions extends ClientSettings {
  /** Send every request to this dialect, whatever the model. */
  dialect?: DialectId;
}

const ALL_DIALECTS = Object.values(adapters);

export function createClient(options: ClientOptions): SeedanceClient {
  return createDialectClient({ ...options, dialects: ALL_DIALECTS });
}

export * from './core.ts';
export type { DownloadOptions, PreparedRequest, RequestOptions, SeedanceClient, WaitOptions } from './client.ts';
export { VideoRequest } from './request.ts';
export { checkRequestBody, contracts } from './contracts/index.ts';
export { dialects, type RawClientOptions } from './dialects/index.ts';
export type { Clock, RetryOptions } from './http/retry.ts';
