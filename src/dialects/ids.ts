// The dialect ids, with no imports, so any module can name a dialect without loading the dialects.
export const DIALECT_IDS = ['ark', 'content-metadata', 'multipart-videos', 'unified-jobs'] as const;
export type DialectId = (typeof DIALECT_IDS)[number];

export function isDialectId(value: unknown): value is DialectId {
  return typeof value === 'string' && (DIALECT_IDS as readonly string[]).includes(value);
}
