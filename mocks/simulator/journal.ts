// The request journal: what the simulator received and what it answered, for a test to assert on
// ("the client sent resolution 720p", "the second submit was refused by ratio-enum"). Bounded: the
// oldest entries go first, and a large body is summarised rather than kept.
import type { DialectId } from '../../src/dialects/ids.ts';

export interface JournalVerdict {
  outcome: 'accepted' | 'refused';
  /** The HTTP status answered. */
  status: number;
  /** The contract rules a refusal names (`ratio-enum`, `schema-required`, ...), when it names any. */
  rules?: string[];
}

export interface JournalEntry {
  /** When the request arrived (ISO 8601, wall clock). */
  time: string;
  dialect?: DialectId;
  operationId?: string;
  method: string;
  /** The path without its query string (a query may carry a key). */
  path: string;
  /** The parsed JSON body, or a summary of multipart fields (files as name, type and size); never a header. */
  body?: unknown;
  verdict: JournalVerdict;
}

export interface Journal {
  /** Oldest first. */
  entries(): JournalEntry[];
  clear(): void;
}

/** Bodies larger than this are recorded as a note of their size. */
export const JOURNAL_BODY_LIMIT = 64 * 1024;

export class RequestJournal implements Journal {
  private readonly kept: JournalEntry[] = [];
  constructor(private readonly limit: number) {}

  record(entry: JournalEntry): void {
    this.kept.push(entry);
    if (this.kept.length > this.limit) this.kept.splice(0, this.kept.length - this.limit);
  }

  entries(): JournalEntry[] {
    return this.kept.map((entry) => ({ ...entry }));
  }

  clear(): void {
    this.kept.length = 0;
  }
}
