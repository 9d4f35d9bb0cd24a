// Small helpers for the plain objects bodies and tasks are made of.

/** Whether a value is a plain JSON-like object (not an array, a Blob or null). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Blob);
}

/** Drops undefined fields, so a body sends only what the caller set and a task serialises cleanly. */
export function compact<T extends object>(value: T): T {
  // A loop, not fromEntries(entries().filter()): it runs on every body and task, and allocates no pair arrays.
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) kept[key] = field;
  // Sound: only keys whose value is undefined go, which every optional field of T allows.
  return kept as T;
}

/**
 * Merges `extra` into `base` (objects deeply, everything else replaced): the per-dialect
 * passthrough. The result keeps the base's type: passthrough fields are the caller's explicit
 * wire additions, and the merged body is checked against the dialect's contract before it is sent.
 */
export function deepMerge<T extends object>(base: T, extra: Record<string, unknown> | undefined): T {
  if (!extra) return base;
  const merged: Record<string, unknown> = Object.fromEntries(Object.entries(base));
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  // Sound as far as types can say: see above; the contract check is what holds the result to T.
  return merged as T;
}
