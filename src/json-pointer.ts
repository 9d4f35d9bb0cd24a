// JSON Pointers (RFC 6901): `/content/1/role` in validation errors, `#/components/schemas/Task` in
// `$ref`s and schema paths. One decoder for every place that reads them.

/**
 * The segments of a JSON Pointer: `/content/1/role` → `['content', '1', 'role']`. A URI-fragment
 * pointer (`#/...`) is percent-decoded first (RFC 6901 §6); `~1` and `~0` become `/` and `~`.
 */
export function pointerSegments(pointer: string): string[] {
  const fragment = pointer.startsWith('#');
  return pointer
    .replace(/^#/, '')
    .split('/')
    .filter(Boolean)
    .map((part) => (fragment ? percentDecoded(part) : part).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** One key as a pointer segment: `~` and `/` escaped. */
export function escapePointerSegment(key: string): string {
  return key.replace(/~/g, '~0').replace(/\//g, '~1');
}

function percentDecoded(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
