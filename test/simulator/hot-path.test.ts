// The shortcuts taken on every request for throughput must give the same answers as the slow paths
// they skip: the journal's ring, and the fail-fast verdict checked before the full validator words a
// refusal.
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkRequestBody, contracts } from '../../src/contracts/index.ts';
import { RequestJournal, type JournalRecord } from '../../mocks/simulator/journal.ts';
import { MODELS } from './support.ts';

describe('journal ring', () => {
  const record = (at: number): JournalRecord => ({
    at,
    dialect: 'ark',
    operationId: undefined,
    method: 'GET',
    path: `/p${at}`,
    bodyText: undefined,
    status: 200,
    rules: undefined,
  });

  it('keeps the newest `limit` records, oldest first, for any count and limit, and forgets them on clear', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 40 }), (limit, count) => {
        const journal = new RequestJournal({ entries: limit, bytes: Number.POSITIVE_INFINITY });
        for (let at = 0; at < count; at++) journal.record(record(at));
        const kept = Array.from({ length: count }, (_, at) => `/p${at}`).slice(Math.max(0, count - limit));
        expect(journal.entries().map((entry) => entry.path)).toEqual(kept);
        journal.clear();
        expect(journal.entries()).toEqual([]);
        journal.record(record(99));
        expect(journal.entries().map((entry) => entry.path)).toEqual(limit > 0 ? ['/p99'] : []);
      }),
    );
  });
});

describe('fail-fast verdict before the full validator', () => {
  // The full engine as the contract module configures it; accepting a body is its verdict alone.
  const full = new Ajv2020({ allErrors: true, strict: false, allowUnionTypes: true, allowMatchingProperties: true, verbose: true });
  addFormats(full);
  full.addFormat('binary', true);
  const schema = contracts.ark.operations.createTask!.requestSchema!;
  const validate = full.compile(schema);

  it('accepts exactly the Ark creates the full validator accepts', () => {
    // Mostly documented values, some wrong ones, each field sometimes left out: both verdicts come up often.
    const field = (...values: unknown[]) => fc.option(fc.constantFrom(...values), { nil: undefined, freq: 3 });
    const item = fc.constantFrom<unknown>(
      { type: 'text', text: 'a cat' },
      { type: 'text', text: 'a dog [mock:fail]' },
      { type: 'image_url', image_url: { url: 'https://example.com/a.png' }, role: 'first_frame' },
      { type: 'text' },
      { type: 'video', text: 7 },
    );
    const body = fc.record({
      model: fc.constantFrom<unknown>(MODELS.ark, MODELS.ark, '', 3),
      content: fc.array(item, { minLength: 0, maxLength: 3 }),
      duration: field(5, 10, -1, 0.5, '5', 99),
      ratio: field('16:9', '9:16', 'adaptive', '9:9', 1),
      resolution: field('720p', '1080p', '480p', '4k'),
      seed: field(-1, 42, 'x', 2 ** 40),
      generate_audio: field(true, false, 'yes'),
      watermark: field(true, false, null),
      unknown_field: field('x'),
    });
    let accepted = 0;
    fc.assert(
      fc.property(body, (candidate) => {
        const sent = JSON.parse(JSON.stringify(candidate)) as unknown;
        const verdict = validate(structuredClone(sent));
        if (verdict) accepted++;
        expect(checkRequestBody('ark', 'createTask', sent).length === 0).toBe(verdict);
      }),
      // A fixed seed: the count of accepted bodies below must not depend on the run (19 with this seed).
      { numRuns: 1_000, seed: 20261126 },
    );
    // Both verdicts were exercised: the generator is not all refusals.
    expect(accepted, `${accepted} of 1,000 accepted`).toBeGreaterThan(10);
  });
});
