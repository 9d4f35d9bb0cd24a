// The client and the simulator judge every createTask body alike: generated near-valid and invalid
// bodies per dialect (scripts/differential.ts, fast-check from the documents' examples) get the same
// verdict from both, and every refusal names the same rules. The long run is
// `npx tsx scripts/differential.ts 10000` (>= 10,000 bodies per dialect).
import { describe, expect, it } from 'vitest';
import { runDifferential } from '../../scripts/differential.ts';

const PER_DIALECT = 750;

describe('differential: client verdict = simulator verdict', () => {
  it(`agrees on ${PER_DIALECT} generated bodies per dialect, rule for rule`, { timeout: 180_000 }, async () => {
    const results = await runDifferential(PER_DIALECT);
    for (const result of results) {
      expect(result.disagreements.slice(0, 3), `${result.dialect}: ${result.disagreements.length} disagreements`).toEqual([]);
      // Both kinds of body were generated: some refused, some accepted.
      expect(result.refused).toBeGreaterThan(PER_DIALECT / 10);
      expect(result.refused).toBeLessThan(PER_DIALECT * 0.9);
    }
  });
});
