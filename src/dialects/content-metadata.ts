// The `content-metadata` dialect (openapi/content-metadata.yaml).
import type { paths } from '../../generated/content-metadata.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from './raw-client.ts';

export type { paths, components, operations } from '../../generated/content-metadata.ts';
export const dialect = 'content-metadata';

/** The openapi-fetch client for this dialect, typed by generated/content-metadata.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}
