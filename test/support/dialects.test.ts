// The per-dialect test facts (test/support/dialects.ts) agree with the documents and the library:
// a table entry for every dialect, a model each document names, operations each document has.
import { describe, expect, it } from 'vitest';
import { DIALECT_IDS } from '../../src/index.ts';
import { loadContracts } from './contracts.ts';
import { DIALECT_FACTS, DIALECTS, MODELS, operationOf } from './dialects.ts';

describe('per-dialect test facts', () => {
  it('cover exactly the dialects of the library and of the documents', () => {
    const documented = loadContracts().map((contract) => contract.dialect);
    expect([...DIALECTS].sort()).toEqual([...DIALECT_IDS].sort());
    expect([...DIALECTS].sort()).toEqual([...documented].sort());
    expect(Object.keys(DIALECT_FACTS).sort()).toEqual([...DIALECTS].sort());
  });

  it.each(DIALECTS)('%s: the model the tests send is one its document names', (dialect) => {
    const contract = loadContracts().find((candidate) => candidate.dialect === dialect)!;
    expect(JSON.stringify(contract.document)).toContain(JSON.stringify(MODELS[dialect]));
  });

  it.each(DIALECTS)('%s: the create and read operations the tests use exist in its document', (dialect) => {
    expect(operationOf(dialect, 'createTask').method).toBe('post');
    for (const read of DIALECT_FACTS[dialect].reads) expect(operationOf(dialect, read.operationId).method).toBe('get');
  });
});
