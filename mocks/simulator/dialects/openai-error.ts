// The OpenAI error envelope, shared by the two dialects that answer in it
// ({"error":{"message","type","param","code"}}; OpenAI Videos API (OpenAI SDKs)).
import type { Exchange, Problem } from './types.ts';

const STATUS: Record<Problem['kind'], [number, string]> = {
  invalid: [400, 'invalid_request_error'],
  conflict: [400, 'invalid_request_error'],
  'unsupported-media': [400, 'invalid_request_error'],
  unauthorized: [401, 'authentication_error'],
  'not-found': [404, 'invalid_request_error'],
  'rate-limited': [429, 'rate_limit_error'],
  'server-error': [500, 'server_error'],
  'too-large': [413, 'invalid_request_error'],
};

export function openAiError(problem: Problem): Exchange {
  const [status, type] = STATUS[problem.kind];
  const param = problem.field?.replace(/^\//, '').replace(/\//g, '.') ?? null;
  const code =
    problem.kind === 'invalid'
      ? (problem.rule ?? 'invalid_value')
      : problem.kind === 'not-found'
        ? 'not_found'
        : problem.kind === 'rate-limited'
          ? 'rate_limit_exceeded'
          : problem.kind === 'too-large'
            ? 'request_too_large'
            : null;
  return {
    status,
    body: { error: { message: problem.message, type, param: param || null, code } },
    ...(status === 429 ? { headers: { 'retry-after': '1' } } : {}),
  };
}
