// The OpenAI error envelope, shared by the two dialects that answer in it
// ({"error":{"message","type","param","code"}}; OpenAI Videos API (OpenAI SDKs)). The words in it
// differ per gateway and per route: a refusal that is not about a field takes the type and code the
// dialect's document shows for that operation and status (error-words.ts).
import { type ErrorWordTable, errorWords } from './error-words.ts';
import { type HandlerReply, PROBLEM_STATUS, type Problem } from './types.ts';

type FixedKind = 'unauthorized' | 'not-found' | 'rate-limited' | 'server-error' | 'too-large';

function isFixed(kind: Problem['kind']): kind is FixedKind {
  return kind !== 'invalid' && kind !== 'conflict' && kind !== 'unsupported-media';
}

/** `table`: the dialect's generated/<dialect>.errors.json; `operationId`: the route refusing, where there is one. */
export function openAiError(problem: Problem, table: ErrorWordTable, operationId: string | undefined): HandlerReply {
  const status = PROBLEM_STATUS[problem.kind];
  const param = problem.field?.replace(/^\//, '').replace(/\//g, '.') ?? null;
  // A refusal about a field names the rule it breaks as its code.
  const { type, code } = isFixed(problem.kind)
    ? errorWords(table, status, operationId)
    : { type: 'invalid_request_error', code: problem.rule ?? 'invalid_value' };
  return {
    status,
    body: { error: { message: problem.message, type, param: param || null, ...(code === undefined ? {} : { code }) } },
    ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}),
  };
}

/** A path no operation serves: 404 in the OpenAI envelope (the gateways' router answers before any relay words apply). */
export function unknownPathError(message: string): HandlerReply {
  return { status: 404, body: { error: { message, type: 'invalid_request_error', param: null, code: 'not_found' } } };
}
