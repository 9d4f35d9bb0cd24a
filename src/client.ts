// One client for every dialect: write one canonical request, run it against any gateway.
//
//   const client = createClient({ baseUrl: 'https://gateway.example', apiKey: process.env.KEY });
//   const handle = await client.submit({ model: 'doubao-seedance-2-0-260128', prompt: '...' });
//   const task = await client.wait(handle, { onProgress: (t) => console.log(t.status, t.progress) });
//
// This is the core client (src/core-client.ts) built with all four dialect adapters, and so all
// four contracts. An app that talks to one gateway builds it from that dialect alone instead:
// `createClient({ dialects: [ark], ... })` from seedance-contracts/core.
import { createClient as createDialectClient, type ClientSettings, type SeedanceClient } from './core-client.ts';
import { adapters } from './dialects/index.ts';
import type { DialectId } from '../generated/dialects.ts';

export type { DownloadOptions, PreparedRequest, RequestOptions, SeedanceClient, WaitOptions } from './core-client.ts';

export interface ClientOptions extends ClientSettings {
  /** Send every request to this dialect, whatever the model. */
  dialect?: DialectId;
}

const ALL_DIALECTS = Object.values(adapters);

export function createClient(options: ClientOptions): SeedanceClient {
  return createDialectClient({ ...options, dialects: ALL_DIALECTS });
}
