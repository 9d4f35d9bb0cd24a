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

export const adapters: Record<DialectId, DialectAdapter<unknown>> = {
  ark: ark.adapter as DialectAdapter<unknown>,
  'content-metadata': contentMetadata.adapter as DialectAdapter<unknown>,
  'multipart-videos': multipartVideos.adapter as DialectAdapter<unknown>,
  'unified-jobs': unifiedJobs.adapter as DialectAdapter<unknown>,
};

export { DIALECT_IDS, isDialectId, type DialectId } from './ids.ts';
export type { DialectAdapter } from './adapter.ts';
export type { RawClientOptions } from './raw-client.ts';
