// The `multipart-videos` dialect (openapi/multipart-videos.yaml).
import type { paths } from '../../generated/multipart-videos.ts';
import { createRawClient as createTypedClient, formDataBody, type RawClientOptions } from './raw-client.ts';

export type { paths, components, operations } from '../../generated/multipart-videos.ts';
export const dialect = 'multipart-videos';

/**
 * The openapi-fetch client for this dialect, typed by generated/multipart-videos.ts. Its only
 * request body (`POST /v1/videos`) is multipart/form-data, so bodies are sent as FormData and
 * fetch sets the boundary; a Content-Type set by hand would lack it and be refused.
 */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options, { bodySerializer: formDataBody });
}
