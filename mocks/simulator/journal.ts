// The request journal: what the simulator received and what it answered, for a test to assert on
// ("the client sent resolution 720p", "the second submit was refused by ratio-enum"). Bounded: the
// oldest entries go first, and a large body is summarised rather than kept.
import type { DialectId } from '../../generated/dialects.ts';

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

/** The most entries one GET /__simulator/journal answers (`limit` asks for fewer; `next` pages on). */
export const JOURNAL_PAGE_LIMIT = 1_000;

/**
 * What is recorded per request: the entry's raw facts, its body as JSON text (text costs what it
 * weighs; the parsed body of `[{},{},...]` costs twenty times that), turned into a JournalEntry
 * only when read.
 */
export interface JournalRecord {
  /** Wall-clock ms when the request arrived. */
  at: number;
  dialect: DialectId | undefined;
  operationId: string | undefined;
  method: string;
  path: string;
  /** The body as JSON text; parsed only when an entry's body is read. */
  bodyText: string | undefined;
  status: number;
  rules: string[] | undefined;
}

/** What a record holds in memory, in bytes: its strings at two bytes a character, and a fixed overhead for the rest. */
function weight(record: JournalRecord): number {
  return 256 + 2 * (record.path.length + (record.bodyText?.length ?? 0));
}

function verdictOf({ status, rules }: JournalRecord): JournalVerdict {
  return { outcome: status < 400 ? 'accepted' : 'refused', status, ...(rules ? { rules } : {}) };
}

/** The entry without its body, in the order an entry's fields are written. */
function headOf(record: JournalRecord): Omit<JournalEntry, 'body' | 'verdict'> {
  return {
    time: new Date(record.at).toISOString(),
    ...(record.dialect ? { dialect: record.dialect } : {}),
    ...(record.operationId ? { operationId: record.operationId } : {}),
    method: record.method,
    path: record.path,
  };
}

/** The entry, its body parsed from the kept text on first read (so listing entries parses nothing). */
function entryOf(record: JournalRecord): JournalEntry {
  const entry = headOf(record) as JournalEntry;
  const text = record.bodyText;
  if (text !== undefined) {
    let parsed: { value: unknown } | undefined;
    const body = () => {
      parsed ??= { value: JSON.parse(text) };
      return parsed.value;
    };
    Object.defineProperty(entry, 'body', { get: body, enumerable: true, configurable: true });
  }
  entry.verdict = verdictOf(record);
  return entry;
}

/** The entry as JSON text, its body spliced in as kept (never parsed). */
function entryJson(record: JournalRecord): string {
  const head = JSON.stringify(headOf(record)).slice(0, -1);
  const body = record.bodyText === undefined ? '' : `,"body":${record.bodyText}`;
  return `${head}${body},"verdict":${JSON.stringify(verdictOf(record))}}`;
}

export interface JournalLimits {
  /** Most entries kept. */
  entries: number;
  /** Most bytes kept (bodies as text, paths, a fixed overhead each). */
  bytes: number;
}

/** The newest records within a count and a byte budget; the oldest go first. */
export class RequestJournal implements Journal {
  private records: Array<{ seq: number; record: JournalRecord; weight: number }> = [];
  private head = 0;
  private bytes = 0;
  private nextSeq = 0;

  constructor(private readonly limits: JournalLimits) {}

  record(record: JournalRecord): void {
    if (this.limits.entries <= 0) return;
    const entry = { seq: this.nextSeq++, record, weight: weight(record) };
    this.records.push(entry);
    this.bytes += entry.weight;
    while (this.records.length - this.head > this.limits.entries || (this.bytes > this.limits.bytes && this.records.length - this.head > 1)) {
      this.bytes -= this.records[this.head]!.weight;
      this.head++;
    }
    // The forgotten front is dropped once it is as long as what is kept.
    if (this.head > 64 && this.head * 2 > this.records.length) {
      this.records = this.records.slice(this.head);
      this.head = 0;
    }
  }

  entries(): JournalEntry[] {
    return this.kept().map((entry) => entryOf(entry.record));
  }

  clear(): void {
    this.records = [];
    this.head = 0;
    this.bytes = 0;
  }

  /** Bytes the kept records hold (as `weight` counts them). */
  get keptBytes(): number {
    return this.bytes;
  }

  /**
   * One page of the journal as JSON, `{"entries":[...],"next":<cursor>|null}`, written entry by
   * entry as the reader pulls, so a large page never sits whole in memory nor holds the event loop.
   * `after` is a cursor from an earlier page (entries recorded after it); without one, the oldest kept.
   */
  page(limit: number, after: number | undefined): ReadableStream<Uint8Array<ArrayBuffer>> {
    const chosen = this.kept().filter((entry) => after === undefined || entry.seq > after);
    const page = chosen.slice(0, limit);
    const next = chosen.length > page.length ? (page.at(-1)?.seq ?? null) : null;
    const encoder = new TextEncoder();
    let index = 0;
    return new ReadableStream({
      start(controller) {
        controller.enqueue(encoder.encode('{"entries":['));
      },
      pull(controller) {
        // A few entries per pull: each pull is its own turn, so other requests are answered in between.
        const end = Math.min(page.length, index + 16);
        const parts: string[] = [];
        for (; index < end; index++) parts.push(`${index === 0 ? '' : ','}${entryJson(page[index]!.record)}`);
        if (parts.length > 0) controller.enqueue(encoder.encode(parts.join('')));
        if (index >= page.length) {
          controller.enqueue(encoder.encode(`],"next":${next === null ? 'null' : next}}`));
          controller.close();
        }
      },
    });
  }

  private kept() {
    return this.records.slice(this.head);
  }
}
