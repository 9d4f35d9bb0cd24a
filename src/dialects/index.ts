// The dialect modules, by dialect id. Each has the same shape: `dialect`, `createRawClient`, and
// the generated types (`paths`, `components`, `operations`).
import * as ark from './ark.ts';
import * as contentMetadata from './content-metadata.ts';
import * as multipartVideos from './multipart-videos.ts';
import * as unifiedJobs from './unified-jobs.ts';

export const dialects = {
  ark,
  'content-metadata': contentMetadata,
  'multipart-videos': multipartVideos,
  'unified-jobs': unifiedJobs,
} as const;

export { DIALECT_IDS, isDialectId, type DialectId } from './ids.ts';

export type { RawClientOptions } from './raw-client.ts';
