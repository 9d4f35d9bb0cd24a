// The simulator's error words are the documents' words: for every refusal that is not about a
// particular field (no key, unknown task, rate limit, server error, body too large), each `code`
// and `type` the simulator writes must appear in a documented answer of the same status in the
// same dialect's document; and where the document shows an `{"error": {"type", "code"}}` answer for
// an operation and status, the simulator's refusal there carries exactly those words. The renderers
// take them from generated/<dialect>.errors.json; content-metadata's task-error codes are still
// spelled by hand, which the first check holds to the document.
import { describe, expect, it } from 'vitest';
import type { Problem } from '../../mocks/simulator/dialects/types.ts';
import { SIMULATORS } from '../../mocks/simulator/dialects/index.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';
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

/**
 * Each operation's documented error envelope, by status: the words of its first example, either
 * `{"error": {"type", "code"}}` (Ark's and the OpenAI one) or a numeric `error.code` (OpenRouter's,
 * where the code is the HTTP status again and there is no type).
 */
function documentedEnvelopes(dialect: DialectId): Array<{ operationId: string; status: number; type: string | undefined; code: string | number | undefined }> {
  const contract = loadContracts().find((candidate) => candidate.dialect === dialect);
  const found: Array<{ operationId: string; status: number; type: string | undefined; code: string | number | undefined }> = [];
  for (const operation of contract ? loadOperations(contract) : []) {
    const seen = new Set<number>();
    for (const response of operation.responses) {
      const status = Number(response.status);
      const error = (response.value as { error?: { type?: unknown; code?: unknown } } | undefined)?.error;
      const words = typeof error?.type === 'string' || typeof error?.code === 'number';
      if (seen.has(status) || !words) continue;
      seen.add(status);
      const code = typeof error?.code === 'string' || typeof error?.code === 'number' ? error.code : undefined;
      found.push({ operationId: operation.operationId, status, type: typeof error?.type === 'string' ? error.type : undefined, code });
    }
  }
  return found;
}

const STATUS_KIND = new Map<number, Problem['kind']>([
  [401, 'unauthorized'],
  [404, 'not-found'],
  [413, 'too-large'],
  [429, 'rate-limited'],
  [500, 'server-error'],
]);

describe.each(DIALECT_IDS)('%s simulator error words, operation by operation', (dialect) => {
  const cases = documentedEnvelopes(dialect).filter(({ status }) => STATUS_KIND.has(status));
  it.each(cases)('$operationId $status: the refusal carries the type and code its documented answer shows', ({ operationId, status, type, code }) => {
    if (typeof code === 'number') expect(code, 'a numeric code is the HTTP status').toBe(status);
    const answer = SIMULATORS[dialect].error({ kind: STATUS_KIND.get(status)!, message: 'refused' }, operationId);
    expect(answer.status).toBe(status);
    const error = (answer.body as { error?: { type?: unknown; code?: unknown } }).error;
    // A code the documented answer does not show is not written either.
    expect({ type: error?.type, code: error?.code }).toEqual({ type, code });
  });
});
