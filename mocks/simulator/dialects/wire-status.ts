// The word a gateway writes for a canonical status, from the same tables the client reads with
// (src/statuses.ts): so the two directions cannot drift apart.
import { GENERATED } from '../../../generated/registry.ts';
import type { DialectId } from '../../../generated/dialects.ts';
import { type StatusTable, statusTable } from '../../../src/statuses.ts';
import type { TaskStatus } from '../../../src/task.ts';

/**
 * The word a gateway writes for a canonical status: its own word (the first the table maps to that
 * status), or the word it uses instead where it has none (`x-render-status`, e.g. `failed` for an
 * expired job). Undefined when the dialect has no way to say it.
 */
export function wireStatus(dialect: DialectId, schema: string, status: TaskStatus): string | undefined {
  const { canonical, render } = statusTable(dialect, GENERATED[dialect].statuses as Record<string, StatusTable>, schema);
  return Object.keys(canonical).find((word) => canonical[word] === status) ?? render[status];
}
