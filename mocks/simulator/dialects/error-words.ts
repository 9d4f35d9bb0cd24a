// The words a dialect's refusals use, as its document's answers show them: each operation's
// documented 4xx/5xx answers give an `error.type` and `error.code` per status
// (generated/<dialect>.errors.json, written by codegen/generate.ts). The simulator answers
// in these words, so they are stated once, in openapi/<dialect>.yaml.

/** generated/<dialect>.errors.json: operationId -> status -> the words of its first documented answer. */
export type ErrorWordTable = Record<string, Record<string, { type?: string; code?: string }>>;

export interface ErrorWords {
  type: string;
  /** Absent where the documented answer shows no code. */
  code?: string;
}

/**
 * The words for `status` on `operationId`: its own documented answer's, or (for an operation whose
 * document shows no answer of that status, or none at all) those of the first operation that does.
 * Throws when the document shows no such answer anywhere: every refusal the simulator writes must be
 * one its document shows (test/simulator/error-codes.test.ts asks for each kind of refusal).
 */
export function errorWords(table: ErrorWordTable, status: number, operationId: string | undefined): ErrorWords {
  const key = String(status);
  const shown = (operationId === undefined ? undefined : table[operationId]?.[key]) ?? Object.values(table).find((byStatus) => byStatus[key])?.[key];
  if (shown?.type === undefined) throw new Error(`the document shows no ${status} answer with an error type`);
  return shown.code === undefined ? { type: shown.type } : { type: shown.type, code: shown.code };
}
