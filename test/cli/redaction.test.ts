// The CLI's output redactor follows the client's rule (src/redact.ts): the key goes where it appears
// as a key, and no name, handle or word is rewritten. A one-letter key must not turn the
// TaskFailedError headline or a handle's `ark` into garbage; over random keys and lines
// (fast-check), a key never survives as a key in what the CLI writes.
import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOutput } from '../../cli/output.ts';
import { SUBSTRING_SAFE_LENGTH } from '../../src/redact.ts';
import { json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

let gateway: FakeGateway;
beforeAll(async () => {
  gateway = await startFakeGateway((request, response) =>
    json(response, 200, {
      id: 'cgt-20260101000000-kkkkk',
      model: 'doubao-seedance-1-5-pro-251215',
      status: 'failed',
      error: { code: 'k', message: `the key ${request.headers.authorization?.slice('Bearer '.length)} is not allowed, k` },
      created_at: 1,
      updated_at: 1,
    }),
  );
});
afterAll(() => gateway.close());

const handle = () => ({ v: 1, dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215', taskId: 'cgt-20260101000000-kkkkk', baseUrl: gateway.url });

describe('a one-letter key in the CLI', () => {
  it('redacts the key where it stands alone and leaves the error name, the dialect and the ids whole', async () => {
    const run = await runSeedance(['wait', JSON.stringify(handle()), '--poll-interval', '0.1'], {
      env: { SEEDANCE_BASE_URL: gateway.url, SEEDANCE_API_KEY: 'k' },
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain('TaskFailedError: task cgt-20260101000000-kkkkk (ark) failed: [redacted]: the key [redacted] is not allowed, [redacted]');
  });

  it('prints a handle it must show (--json) exactly, key-shaped letters in it included', async () => {
    const run = await runSeedance(['status', JSON.stringify(handle()), '--json'], { env: { SEEDANCE_BASE_URL: gateway.url, SEEDANCE_API_KEY: 'k' } });
    expect(run.code).toBe(0);
    const [event] = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { task: { id: string; dialect: string; model: string } });
    expect(event?.task).toMatchObject({ id: 'cgt-20260101000000-kkkkk', dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215' });
  });
});

const TOKEN = '[\\p{L}\\p{N}\\p{M}_-]';
const ALPHABET = [...'abkKz019-_.:/=+~!"\' ?&é'];
const text = (min: number, max: number) => fc.array(fc.constantFrom(...ALPHABET), { minLength: min, maxLength: max }).map((chars) => chars.join(''));

/** The independent statement of "the key survives as a key" (as in test/facade/redaction.test.ts). */
function survives(line: string, key: string): boolean {
  if (key.length >= SUBSTRING_SAFE_LENGTH) return line.includes(key);
  const edge = new RegExp(`^${TOKEN}$`, 'u');
  const escaped = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  return new RegExp(`${edge.test(key[0] ?? '') ? `(?<!${TOKEN})` : ''}${escaped}${edge.test(key.at(-1) ?? '') ? `(?!${TOKEN})` : ''}`, 'u').test(line);
}

describe('the output redactor over random keys and lines (fast-check, fixed seed)', () => {
  it('never lets the key survive as a key, in human lines and JSON events alike; lines without it are written as they are', async () => {
    // An async property, so the runs yield to the event loop (other test files share this worker).
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(text(1, 3), text(4, 40)).chain((key) => fc.tuple(fc.constant(key), fc.array(fc.tuple(text(0, 10), fc.boolean()), { maxLength: 5 }))),
        async ([key, parts]) => {
          const line = parts.map(([part, withKey]) => (withKey ? part + key : part)).join('');
          for (const json of [false, true]) {
            let written = '';
            const sink = new Writable({
              write(chunk: string | Uint8Array, _encoding, done) {
                written += String(chunk);
                done();
              },
            });
            const output = createOutput({ json, secrets: [key], stdout: sink, stderr: sink });
            if (json) {
              // JSON Lines stay JSON: the key is removed from the values, never from the syntax.
              output.event({ message: line, nested: [{ line }] });
              const event = JSON.parse(written) as { message: string; nested: Array<{ line: string }> };
              for (const value of [event.message, event.nested[0]?.line ?? '']) expect(survives(value, key), value).toBe(false);
            } else {
              output.result(line);
              output.note(line);
              expect(survives(written, key), written).toBe(false);
              if (!survives(line, key)) expect(written).toBe(`${line}\n${line}\n`);
            }
          }
        },
      ),
      { seed: 20261207, numRuns: 200 },
    );
  });
});
