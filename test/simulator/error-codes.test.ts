// The simulator's error words are the documents' words: for every refusal that is not about a
// particular field (no key, unknown task, rate limit, server error, body too large), each `code`
// and `type` the simulator writes must appear in a documented answer of the same status in the
// same dialect's document. The renderers spell these words by hand; this is what keeps them from
// drifting away from the contracts.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../mocks/simulator/dialects/types.ts';
import { SIMULATORS } from '../../mocks/simulator/instance.ts';
import { DIALECT_IDS, type DialectId } from '../../src/dialects/ids.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';

const FIXED_KINDS: Array<Problem['kind']> = ['unauthorized', 'not-found', 'rate-limited', 'server-error', 'too-large'];

/** Every string under a `code` or `type` key, at any depth. */
function words(value: unknown, found: Set<string> = new Set()): Set<string> {
  if (Array.isArray(value)) for (const item of value) words(item, found);
  else if (typeof value === 'object' && value !== null)
    for (const [key, inner] of Object.entries(value)) {
      if ((key === 'code' || key === 'type') && typeof inner === 'string' && inner !== '') found.add(inner);
      else words(inner, found);
    }
  return found;
}

/** The code and type words of every documented answer, by status, across the dialect's operations. */
function documentedWords(dialect: DialectId): Map<number, Set<string>> {
  const contract = loadContracts().find((candidate) => candidate.dialect === dialect);
  const byStatus = new Map<number, Set<string>>();
  for (const operation of contract ? loadOperations(contract) : [])
    for (const response of operation.responses) {
      const status = Number(response.status);
      byStatus.set(status, words(response.value, byStatus.get(status) ?? new Set()));
    }
  return byStatus;
}

describe.each(DIALECT_IDS)('%s simulator error words', (dialect) => {
  const documented = documentedWords(dialect);
  it.each(FIXED_KINDS)('a "%s" refusal uses only code and type words the document shows for its status', (kind) => {
    const answer = SIMULATORS[dialect].error({ kind, message: 'refused' }, undefined);
    const shown = documented.get(answer.status);
    expect(shown, `openapi/${dialect}.yaml documents no ${answer.status} answer`).toBeDefined();
    for (const word of words(answer.body)) expect([...(shown ?? [])], `${dialect} ${answer.status} "${word}"`).toContain(word);
  });
});
