// The conformance run: every documented example of every operation of each chosen dialect sent to
// the target (submits only where allowed), every answer checked against the contract; a request
// without credentials must get the documented 401, an unknown path a 404. Against our simulator the
// documents' examples are also held to their verdicts: valid submits accepted, invalid examples
// refused with 400 naming the rule they break.
import { checkRequestBody } from '../../src/contracts/index.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { adapters } from '../../src/dialects/index.ts';
import { conformance, type ConformanceOperation, type ExampleRequest, type InvalidExample } from './bundle.ts';
import { send, type GatewayAnswer } from './exchange.ts';
import type { Target } from './target.ts';
import { answerProblems } from './verdict.ts';

export type CaseKind = 'documented' | 'negative' | 'unauthenticated' | 'unknown-path' | 'created-task';

export interface CaseResult {
  dialect: DialectId;
  operation: string;
  kind: CaseKind;
  example: string;
  outcome: 'passed' | 'failed' | 'skipped';
  /** What was wrong (failed), or why it did not run (skipped). */
  problems: string[];
  status?: number;
  ms: number;
  /** The id a documented createTask answer carried (read by the created-task cases). */
  createdId?: string;
}

interface Case {
  dialect: DialectId;
  operationId: string;
  operation: ConformanceOperation;
  kind: CaseKind;
  example: ExampleRequest | InvalidExample;
}

export interface RunOptions {
  target: Target;
  key: string;
  simulator: boolean;
  onResult?: (result: CaseResult) => void;
}

function casesOf(dialect: DialectId): Case[] {
  const operations = Object.entries(conformance[dialect].operations);
  const cases = operations.flatMap(([operationId, operation]) => [
    ...operation.requests.map((example): Case => ({ dialect, operationId, operation, kind: 'documented', example })),
    ...operation.invalid.map((example): Case => ({ dialect, operationId, operation, kind: 'negative', example })),
  ]);
  // One request without credentials per dialect: a read, so nothing is created even if it were accepted.
  const read = cases.find((candidate) => candidate.kind === 'documented' && candidate.operation.method === 'get') ?? cases[0];
  if (read) cases.push({ ...read, kind: 'unauthenticated' });
  if (read) cases.push({ ...read, operationId: '(none)', kind: 'unknown-path' });
  return cases;
}

function skipReason(item: Case, options: RunOptions): string | undefined {
  const submits = item.operation.method === 'post' && item.kind === 'documented';
  return submits && !options.target.allowSubmit
    ? 'sends a documented submit, which creates a billed task on a remote gateway; pass --allow-submit to include it'
    : undefined;
}

/**
 * The simulator runs the client's validator, so it must refuse an invalid example with 400 naming
 * the rule the example breaks, or (for a rule about the whole body, like a placeholder template)
 * the rule that validator reports first for the same body.
 */
function refusedAsValidated(item: Case, answer: GatewayAnswer): boolean {
  const example = item.example as InvalidExample;
  const reported = example.location === 'body' ? checkRequestBody(item.dialect, item.operationId, example.body).map((issue) => issue.rule) : [];
  const text = JSON.stringify(answer.body);
  return answer.status === 400 && [example.violates, ...reported.slice(0, 1)].some((rule) => text.includes(rule));
}

/** What the contract and (against our simulator) the documents' own verdicts say of this answer. */
function problemsOf(item: Case, answer: GatewayAnswer, simulator: boolean): string[] {
  if (item.kind === 'unknown-path') return answer.status === 404 ? [] : [`an unknown path answered ${answer.status}, not 404`];
  const problems = answerProblems(item.operation, answer);
  if (item.kind === 'created-task' && item.operationId.startsWith('getTask') && answer.status >= 300)
    problems.unshift(`reading a task a submit just created answered ${answer.status}`);
  if (item.kind === 'unauthenticated' && answer.status !== 401) problems.unshift(`a request without credentials answered ${answer.status}, not 401`);
  if (item.kind === 'negative') {
    const violates = (item.example as InvalidExample).violates;
    if (answer.status < 400) problems.unshift(`accepted an example that breaks ${violates} (answered ${answer.status})`);
    else if (simulator && !refusedAsValidated(item, answer))
      problems.unshift(`the simulator should refuse with 400 naming ${violates} (or the rule the shared validator reports first); answered ${answer.status}`);
  }
  if (simulator && item.kind === 'documented' && item.operation.method === 'post' && item.operationId === 'createTask' && answer.status >= 300) {
    problems.unshift(`the simulator refused a documented request example with ${answer.status}`);
  }
  return problems;
}

async function runCase(item: Case, options: RunOptions): Promise<CaseResult> {
  const base = { dialect: item.dialect, operation: item.operationId, kind: item.kind, example: item.example.name };
  const skipped = skipReason(item, options);
  if (skipped) return { ...base, outcome: 'skipped', problems: [skipped], ms: 0 };
  const started = performance.now();
  const url = options.target.urls[item.dialect] ?? '';
  try {
    const operation = item.kind === 'unknown-path' ? { ...item.operation, path: '/__seedance_check__/no/such/path' } : item.operation;
    const answer = await send(item.dialect, url, item.operationId, operation, item.example, item.kind === 'unauthenticated' ? undefined : options.key);
    const problems = problemsOf(item, answer, options.simulator);
    const createdId =
      item.kind === 'documented' && item.operationId === 'createTask' && answer.status < 300 ? adapters[item.dialect].taskIdOf(answer.body) : undefined;
    const outcome = problems.length === 0 ? 'passed' : 'failed';
    return { ...base, outcome, problems, status: answer.status, ms: performance.now() - started, ...(createdId ? { createdId } : {}) };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return {
      ...base,
      outcome: 'failed',
      problems: [`no answer from ${url}: ${error instanceof Error ? error.message : String(error)}${cause}`],
      ms: performance.now() - started,
    };
  }
}

/**
 * The example ids name no task on a live server, so their reads only show the error answers. A task
 * one of the submits created is read through every GET operation that takes one id, so the success
 * answers are checked too; the task reads (getTask*) must find it.
 */
function createdTaskCases(dialect: DialectId, id: string): Case[] {
  return Object.entries(conformance[dialect].operations)
    .filter(([, operation]) => operation.method === 'get' && operation.pathParameters.length === 1)
    .map(([operationId, operation]) => ({
      dialect,
      operationId,
      operation,
      kind: 'created-task',
      example: { name: `task ${id} from a documented submit`, path: { [operation.pathParameters[0] ?? 'id']: id }, query: {} },
    }));
}

async function runDialect(dialect: DialectId, options: RunOptions, report: (result: CaseResult) => void): Promise<void> {
  let createdId: string | undefined;
  for (const [index, item] of casesOf(dialect).entries()) {
    const result = await runCase(item, options);
    report(result);
    createdId ??= result.createdId;
    // Nothing answers this dialect's URL: one failure says so; a hundred more would not help.
    if (index === 0 && result.problems[0]?.startsWith('no answer from')) return;
  }
  for (const item of createdId ? createdTaskCases(dialect, createdId) : []) report(await runCase(item, options));
}

export async function runConformance(options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const report = (result: CaseResult) => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const dialect of Object.keys(options.target.urls) as DialectId[]) await runDialect(dialect, options, report);
  return results;
}
