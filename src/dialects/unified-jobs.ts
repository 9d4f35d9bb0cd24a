// The `unified-jobs` dialect (openapi/unified-jobs.yaml).
import type { paths } from '../../generated/unified-jobs.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from './raw-client.ts';

export type { paths, components, operations } from '../../generated/unified-jobs.ts';
export const dialect = 'unified-jobs';

/** The openapi-fetch client for this dialect, typed by generated/unified-jobs.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}
