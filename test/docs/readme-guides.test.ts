// Two integrator answers state facts the documents own: the README's "Which dialect does my gateway
// speak?" and the client guide's "How to authenticate"; this checks them against the documents, so
// an edit to a contract that the text no longer matches fails here.
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect, it } from 'vitest';
import { routeModel } from '../../src/routing.ts';
import { deref, type JsonObject, loadContracts, loadOperations } from '../support/contracts.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const CLIENT_GUIDE = readFileSync(join(ROOT, 'docs/guides/client.md'), 'utf8');

/** The body rows of the first table after a heading, as arrays of cells. */
function tableAfter(heading: string): string[][] {
  const lines = README.slice(README.indexOf(heading)).split('\n');
  const start = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('|'));
  return lines.slice(start + 2, end).map((line) =>
    line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
}

const codeSpans = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? '');

const contracts = loadContracts();

it('"Which dialect does my gateway speak?" names each dialect once, with its submit and poll paths and models that route to it', () => {
  const rows = tableAfter('## Which dialect does my gateway speak?');
  expect(rows.map((row) => codeSpans(row[3] ?? '')[0]).sort()).toEqual(contracts.map((contract) => contract.dialect).sort());
  for (const [submitCell = '', pollCell = '', modelsCell = '', dialectCell = ''] of rows) {
    const dialect = codeSpans(dialectCell)[0];
    const contract = contracts.find((candidate) => candidate.dialect === dialect);
    if (!contract) throw new Error(`README names an unknown dialect ${dialect}`);
    const operations = loadOperations(contract);
    const submit = operations.find((operation) => operation.operationId === 'createTask');
    const poll = operations.find((operation) => operation.operationId === 'getTask');
    expect(codeSpans(submitCell)[0], dialect).toBe(`${submit?.method.toUpperCase()} ${submit?.path}`);
    expect(codeSpans(pollCell)[0], dialect).toBe(`${poll?.method.toUpperCase()} ${poll?.path}`);
    expect(submitCell, dialect).toContain(submit?.requestMediaTypes[0] === 'multipart/form-data' ? 'multipart/form-data' : 'JSON');
    for (const model of codeSpans(modelsCell).filter((name) => !name.endsWith('...'))) {
      expect(routeModel(model), `${model} routes to ${dialect}`).toBe(dialect);
    }
  }
});

it('"How to authenticate": every document secures every operation with an HTTP bearer scheme', () => {
  expect(CLIENT_GUIDE).toMatch(/## How to authenticate[\s\S]*Authorization: Bearer <API key>/);
  // The README sends readers there.
  expect(README).toContain('(docs/guides/client.md#how-to-authenticate)');
  for (const { dialect, document } of contracts) {
    const schemes = ((document.components as JsonObject | undefined)?.securitySchemes ?? {}) as JsonObject;
    const used = ((document.security ?? []) as JsonObject[]).flatMap((requirement) => Object.keys(requirement));
    expect(used, dialect).toEqual(['bearerAuth']);
    for (const name of used) expect(deref(document, schemes[name]), dialect).toMatchObject({ type: 'http', scheme: 'bearer' });
  }
});
