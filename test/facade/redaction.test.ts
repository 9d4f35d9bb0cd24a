// The key is removed where it appears as a key, and nothing else is touched: an error's name, its
// dialect and its task handle stay exactly as they were (the handle must still resume the task), a
// word that merely contains a short key is left alone, and a key of 16 characters or more is removed
// wherever it appears. Examples with keys of 1, 3 and 40 characters, then the same rule over random
// keys and random gateway texts (fast-check), checked against an independent statement of "stands
// alone" (a regular expression with look-arounds).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ApiError,
  ConnectionError,
  createClient,
  type SeedanceError,
  TaskFailedError,
  ValidationError,
  WaitTimeoutError,
  type TaskHandle,
} from '../../src/index.ts';
import { redactSecrets } from '../../src/errors.ts';
import { redactText, SUBSTRING_SAFE_LENGTH } from '../../src/redact.ts';
import { arkHandle } from '../support/dialects.ts';
import { fakeClock, json, scriptedFetch } from '../support/scripted.ts';

const TOKEN = '[\\p{L}\\p{N}\\p{M}_-]';
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Whether `key` survives in `text` as a key: anywhere when it is long, else with no token character glued to a token-character edge. */
function survives(text: string, key: string): boolean {
  if (key.length >= SUBSTRING_SAFE_LENGTH) return text.includes(key);
  const edge = new RegExp(`^${TOKEN}$`, 'u');
  const first = String.fromCodePoint(key.codePointAt(0) ?? 0);
  const last = [...key].at(-1) ?? '';
  const pattern = `${edge.test(first) ? `(?<!${TOKEN})` : ''}${escapeRegExp(key)}${edge.test(last) ? `(?!${TOKEN})` : ''}`;
  return new RegExp(pattern, 'u').test(text);
}

const handleOf = (taskId: string): TaskHandle => ({ ...arkHandle(), taskId });

describe('redaction never garbles', () => {
  it("a one-letter key: TaskFailedError, the handle's dialect and words with a k in them stay; the key alone goes", () => {
    const handle = handleOf('cgt-20260101000000-kkkkk');
    const error = redactSecrets(new TaskFailedError(handle, 'failed', 'k', 'the key k was rejected; check your Bearer k. Kitten unaffected', {}), ['k']);
    expect(error.name).toBe('TaskFailedError');
    expect(error.handle).toEqual(handle);
    expect(error.code).toBe('[redacted]');
    expect(error.message).toBe(
      'task cgt-20260101000000-kkkkk (ark) failed: [redacted]: the key [redacted] was rejected; check your Bearer [redacted]. Kitten unaffected',
    );
    expect(error.stack?.startsWith('TaskFailedError: task cgt-20260101000000-kkkkk (ark) failed')).toBe(true);
    expect(JSON.stringify(error)).toContain('"dialect":"ark"');
  });

  it('a three-letter key: removed from a URL query, a header echo and quotes, not from inside words or ids', () => {
    const text = 'GET /tasks/cgt-abc1?api_key=abc&x=1 Authorization: Bearer abc "abc" abcdef fabc abc_1';
    expect(redactText(text, ['abc'])).toBe('GET /tasks/cgt-abc1?api_key=[redacted]&x=1 Authorization: Bearer [redacted] "[redacted]" abcdef fabc abc_1');
  });

  it('a 40-character key: removed wherever it appears, glued to other text, percent-encoded or JSON-escaped', () => {
    const key = 'sk-live-7f3a9c2e5b1d4068a1b2c3d4e5f6/+=x"';
    const text = `x${key}y ${encodeURIComponent(key)} ${JSON.stringify({ key })}`;
    const clean = redactText(text, [key]);
    expect(clean).toBe('x[redacted]y [redacted] {"key":"[redacted]"}');
  });

  it('a client with a one-letter key throws errors whose names and handles are intact', async () => {
    const handle = arkHandle();
    const failed = json(200, { id: handle.taskId, model: handle.model, status: 'failed', error: { code: 'k', message: 'k' }, created_at: 1, updated_at: 1 });
    const client = createClient({ baseUrl: handle.baseUrl, apiKey: 'k', fetch: scriptedFetch([failed]).fetch, clock: fakeClock() });
    const error = await client.wait(handle).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TaskFailedError);
    expect((error as TaskFailedError).name).toBe('TaskFailedError');
    expect((error as TaskFailedError).handle).toEqual(handle);
    expect((error as TaskFailedError).message).toBe(`task ${handle.taskId} (ark) failed: [redacted]: [redacted]`);
  });
});

// Keys and texts from an alphabet of word characters, punctuation, separators and non-ASCII letters, so keys land inside
// words, next to punctuation, at the ends and in one another.
const ALPHABET = [...'abkKz019-_.:/=+~!"\' ?&é字', '😀'];
const piece = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 12 }).map((chars) => chars.join(''));
const keys = fc.oneof(
  fc.array(fc.constantFrom(...ALPHABET), { minLength: 1, maxLength: 3 }).map((chars) => chars.join('')),
  fc.array(fc.constantFrom(...ALPHABET), { minLength: 4, maxLength: 40 }).map((chars) => chars.join('')),
);
/** A gateway text: pieces with the key dropped in between some of them. */
const textWith = (key: string) =>
  fc.array(fc.tuple(piece, fc.boolean()), { maxLength: 6 }).map((parts) => parts.map(([text, withKey]) => (withKey ? text + key : text)).join(''));

/** Every error the client can throw that carries gateway text, built from one text. */
function errorsFrom(text: string, handle: TaskHandle): SeedanceError[] {
  return [
    new TaskFailedError(handle, 'failed', text, text, { error: { message: text } }),
    new ApiError('ark', 500, text, text, text, { error: { code: text, message: text } }, true),
    new ValidationError('ark', [{ path: '/ratio', rule: 'ratio-enum', message: text }]),
    new ConnectionError('ark', text, { cause: new TypeError(text, { cause: new Error(text) }) }),
    new WaitTimeoutError(handle, 1_000, text, { status: text }),
  ];
}

/** Every string an error shows (message, stack after its name, own fields but the handle, causes), as [where, text]. */
function textsOf(error: unknown, depth = 0): Array<[string, string]> {
  if (typeof error === 'string') return [['', error]];
  if (typeof error !== 'object' || error === null || depth > 8) return [];
  const texts: Array<[string, string]> = [];
  if (error instanceof Error) {
    texts.push(['message', error.message], ['stack', (error.stack ?? '').slice(error.name.length)]);
    if (error.cause !== undefined) texts.push(...textsOf(error.cause, depth + 1));
  }
  for (const [field, value] of Object.entries(error)) {
    if (field === 'handle' || field === 'name' || field === 'dialect') continue;
    texts.push(...textsOf(value, depth + 1).map(([where, text]): [string, string] => [`${field}.${where}`, text]));
  }
  return texts;
}

describe('redaction over random keys and texts (fast-check, fixed seed)', () => {
  // An async property, so the runs yield to the event loop: a simulator in this worker keeps answering.
  it('the key never survives as a key; names, dialects and handles are never altered; text without the key is unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        keys.chain((key) => fc.tuple(fc.constant(key), textWith(key), piece)),
        async ([key, text, taskId]) => {
          const handle = handleOf(`${taskId}${key}`);
          const snapshot = structuredClone(handle);
          for (const original of errorsFrom(text, handle)) {
            const name = original.name;
            const error = redactSecrets(original, [key]);
            expect(error.name).toBe(name);
            if ('dialect' in error) expect(error.dialect).toBe('ark');
            if ('handle' in error) expect(error.handle).toEqual(snapshot);
            for (const [where, shown] of textsOf(error)) expect(survives(shown, key), `${where}: ${shown}`).toBe(false);
          }
          if (!survives(text, key)) expect(redactText(text, [key])).toBe(text);
        },
      ),
      { seed: 20261207, numRuns: 300 },
    );
  });
});
