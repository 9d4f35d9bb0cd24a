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

/**
 * What is recorded per request: the entry's raw facts, turned into a JournalEntry only when read.
 * Recording runs on every request and reading rarely, so formatting the time and building the
 * verdict wait until `entries()` (and `body` is left out there when undefined).
 */
export interface JournalRecord {
  /** Wall-clock ms when the request arrived. */
  at: number;
  dialect: DialectId | undefined;
  operationId: string | undefined;
  method: string;
  path: string;
  /** The body as JSON text (parsed again only when read: text costs what it weighs, a parsed body many times that). */
  bodyText: string | undefined;
  status: number;
  rules: string[] | undefined;
}

function entryOf(record: JournalRecord): JournalEntry {
  const { status, rules } = record;
  return {
    time: new Date(record.at).toISOString(),
    ...(record.dialect ? { dialect: record.dialect } : {}),
    ...(record.operationId ? { operationId: record.operationId } : {}),
    method: record.method,
    path: record.path,
    ...(record.bodyText === undefined ? {} : { body: JSON.parse(record.bodyText) }),
    verdict: { outcome: status < 400 ? 'accepted' : 'refused', status, ...(rules ? { rules } : {}) },
  };
}

/** The last `limit` records in a ring: recording never moves the others. */
export class RequestJournal implements Journal {
  private readonly ring: Array<JournalRecord | undefined>;
  /** Where the next record goes. */
  private next = 0;
  private count = 0;
  constructor(private readonly limit: number) {
    this.ring = new Array<JournalRecord | undefined>(Math.max(0, limit));
  }

  record(record: JournalRecord): void {
    if (this.limit <= 0) return;
    this.ring[this.next] = record;
    this.next = (this.next + 1) % this.limit;
    if (this.count < this.limit) this.count++;
  }

  entries(): JournalEntry[] {
    const oldest = (this.next - this.count + this.limit) % Math.max(1, this.limit);
    return Array.from({ length: this.count }, (_, index) => entryOf(this.ring[(oldest + index) % this.limit]!));
  }

  clear(): void {
    this.ring.fill(undefined);
    this.next = 0;
    this.count = 0;
  }
}
