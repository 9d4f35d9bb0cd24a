// Each dialect's status words, one table per status schema, read from the contract
// (`x-canonical-status` and `x-render-status` in openapi/<dialect>.yaml, kept by the bundle). The
// client reads a task's status with it and the simulator writes one with it, so the two directions
// cannot drift apart: a word the documents do not list reads as `unknown`.
// The tables come from generated/<dialect>.statuses.json (written beside the contract bundle by
// codegen/generate.ts), not from src/contracts/index.ts, so reading a status does not bring in the
// validator and every contract. Each dialect adapter reads with its own table (readStatus), so a
// one-dialect client bundles one; the simulator writes with the same tables
// (mocks/simulator/dialects/wire-status.ts).
import type { DialectId } from '../generated/dialects.ts';
import { TASK_STATUSES, type TaskStatus } from './task.ts';

/** A status schema's table: wire word -> canonical status, and canonical -> word where the gateway has none of its own. */
export interface StatusTable {
  canonical: Record<string, string>;
  render: Record<string, string>;
}

export function statusTable(dialect: DialectId, tables: Record<string, StatusTable>, schema: string): StatusTable {
  const found = tables[schema];
  if (!found) throw new Error(`openapi/${dialect}.yaml has no x-canonical-status on ${schema}`);
  return found;
}

function isTaskStatus(value: unknown): value is TaskStatus {
  return typeof value === 'string' && (TASK_STATUSES as readonly string[]).includes(value);
}

/**
 * The canonical status of a wire word, read with one dialect's tables (its own
 * generated/<dialect>.statuses.json, so a dialect adapter bundles no other dialect's words);
 * `unknown` for a word (or a non-string) the contract does not list.
 */
export function readStatus(dialect: DialectId, tables: Record<string, StatusTable>, schema: string, raw: unknown): TaskStatus {
  const { canonical: words } = statusTable(dialect, tables, schema);
  const canonical = typeof raw === 'string' && Object.hasOwn(words, raw) ? words[raw] : undefined;
  return isTaskStatus(canonical) ? canonical : 'unknown';
}
