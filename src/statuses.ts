// Each dialect's status words, one table per status schema, read from the contract
// (`x-canonical-status` and `x-render-status` in openapi/<dialect>.yaml, kept by the bundle). The
// client reads a task's status with it and the simulator writes one with it, so the two directions
// cannot drift apart: a word the documents do not list reads as `unknown`.
// The tables come from generated/<dialect>.statuses.json (written beside the contract bundle by
// scripts/bundle-contracts.ts), not from src/contract.ts, so reading a status does not bring in the
// validator and all four contracts. Each dialect adapter reads with its own table (readStatus), so
// a one-dialect client bundles one; the simulator writes through all four (wireStatus).
import arkStatuses from '../generated/ark.statuses.json' with { type: 'json' };
import contentMetadataStatuses from '../generated/content-metadata.statuses.json' with { type: 'json' };
import multipartVideosStatuses from '../generated/multipart-videos.statuses.json' with { type: 'json' };
import unifiedJobsStatuses from '../generated/unified-jobs.statuses.json' with { type: 'json' };
import type { DialectId } from './dialects/ids.ts';
import { TASK_STATUSES, type TaskStatus } from './task.ts';

/** A status schema's table: wire word -> canonical status, and canonical -> word where the gateway has none of its own. */
export interface StatusTable {
  canonical: Record<string, string>;
  render: Record<string, string>;
}

const STATUS_TABLES: Record<DialectId, Record<string, StatusTable>> = {
  ark: arkStatuses,
  'content-metadata': contentMetadataStatuses,
  'multipart-videos': multipartVideosStatuses,
  'unified-jobs': unifiedJobsStatuses,
};

function table(dialect: DialectId, tables: Record<string, StatusTable>, schema: string): StatusTable {
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
  const { canonical: words } = table(dialect, tables, schema);
  const canonical = typeof raw === 'string' && Object.hasOwn(words, raw) ? words[raw] : undefined;
  return isTaskStatus(canonical) ? canonical : 'unknown';
}

/**
 * The word a gateway writes for a canonical status: its own word (the first the table maps to that
 * status), or the word it uses instead where it has none (`x-render-status`, e.g. `failed` for an
 * expired job). Undefined when the dialect has no way to say it.
 */
export function wireStatus(dialect: DialectId, schema: string, status: TaskStatus): string | undefined {
  const { canonical, render } = table(dialect, STATUS_TABLES[dialect], schema);
  return Object.keys(canonical).find((word) => canonical[word] === status) ?? render[status];
}
