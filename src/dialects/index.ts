// The dialect modules, by dialect id. Each has the same shape: `dialect`, `createRawClient`,
// `toWire`, `fromWire`, `adapter`, and the generated types (`paths`, `components`, `operations`).
import * as ark from './ark.ts';
import * as contentMetadata from './content-metadata.ts';
import * as multipartVideos from './multipart-videos.ts';
import * as unifiedJobs from './unified-jobs.ts';
import type { DialectAdapter } from './adapter.ts';
import type { DialectId } from './ids.ts';

export const dialects = {
  ark,
  'content-metadata': contentMetadata,
  'multipart-videos': multipartVideos,
  'unified-jobs': unifiedJobs,
} as const;

/**
 * Every adapter with its client, body and task types erased, as the client drives them. Sound
 * because the client keeps each adapter's own pairing: it submits only a body that adapter's
 * `toWire` drafted and the dialect's contract accepted, reads with that adapter's raw client, and
 * hands `fromWire` only what that adapter's `get` returned.
 */
export const adapters: Record<DialectId, DialectAdapter> = {
  ark: ark.adapter,
  'content-metadata': contentMetadata.adapter,
  'multipart-videos': multipartVideos.adapter,
  'unified-jobs': unifiedJobs.adapter,
};

export { DIALECT_IDS, isDialectId, type DialectId } from './ids.ts';
export type { DialectAdapter } from './adapter.ts';
export type { RawClientOptions } from './raw-client.ts';
