// The `ark` dialect (openapi/ark.yaml).
import type { paths } from '../../generated/ark.ts';
import { createRawClient as createTypedClient, type RawClientOptions } from './raw-client.ts';

export type { paths, components, operations } from '../../generated/ark.ts';
export const dialect = 'ark';

/** The openapi-fetch client for this dialect, typed by generated/ark.ts. */
export function createRawClient(options: RawClientOptions) {
  return createTypedClient<paths>(options);
}
