// The shape of a documented request example as the contract loader reads it from the documents and as
// `seedance check` reads it back from generated/<dialect>.conformance.json: one definition for both sides.

/** A request example: the body (for operations that take one) plus parameter values, by location. */
export interface RequestCase {
  name: string;
  /** Absent in the generated JSON when the operation takes no body. */
  mediaType?: string | undefined;
  body?: unknown;
  path: Record<string, string>;
  query: Record<string, string | string[]>;
}

/** A negative example: the rule it breaks (`violates`, an x-rules id) and where the invalid value sits. */
export interface InvalidCase extends RequestCase {
  violates: string;
  location: 'body' | 'query' | 'path';
}
