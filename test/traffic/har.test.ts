// The HAR 1.2 writer and reader (mocks/simulator/har.ts): entries valid under har-validator, the key
// nowhere in them (headers, cookies, URL, query, text and binary bodies), bodies read back as the
// bytes written, and a recording that cannot be read named by its entry.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { HarError, harEntry, harFrame, keysOf, type RecordedExchange, readHar, toBase64 } from '../../mocks/simulator/har.ts';
import { harProblems } from './support.ts';

const KEY = 'sk-live-7f3a9c2e41b84d0f';
const encode = (text: string) => new TextEncoder().encode(text);

function exchange(overrides: Partial<RecordedExchange> = {}): RecordedExchange {
  const body = encode(JSON.stringify({ model: 'doubao-seedance-1-5-pro-251215', content: [{ type: 'text', text: `my key is ${KEY}` }] }));
  const answer = encode(JSON.stringify({ id: 'cgt-1', echo: KEY }));
  return {
    startedAt: Date.UTC(2026, 0, 1),
    method: 'POST',
    url: `https://gateway.example/ark/api/v3/contents/generations/tasks?token=${KEY}&note=a%20${KEY}`,
    baseUrl: 'https://gateway.example/ark',
    requestHeaders: [
      ['authorization', `Bearer ${KEY}`],
      ['content-type', 'application/json'],
      ['cookie', `session=${KEY}; theme=dark`],
      ['x-trace', `trace-${KEY}`],
      ['x-echo', KEY],
    ],
    requestBody: { bytes: body, size: body.length },
    status: 200,
    statusText: 'OK',
    responseHeaders: [
      ['content-type', 'application/json'],
      ['set-cookie', `session=${KEY}; Path=/`],
      ['set-cookie', 'theme=dark'],
    ],
    responseBody: { bytes: answer, size: answer.length },
    waitMs: 12,
    receiveMs: 3,
    ...overrides,
  };
}

function document(...entries: object[]): string {
  const { head, tail } = harFrame({ name: 'test', version: '1' });
  return `${head}${entries.map((entry) => JSON.stringify(entry)).join(',')}${tail}`;
}

describe('writing', () => {
  it('writes HAR 1.2 that har-validator accepts', async () => {
    const text = document(
      harEntry(exchange(), { keys: [KEY], bodies: true }),
      harEntry(exchange({ method: 'GET', requestBody: undefined }), { keys: [KEY], bodies: true }),
    );
    expect(await harProblems(JSON.parse(text))).toBe('');
  });

  it('leaves the key nowhere: credential headers, cookies, any header, the URL and its query, both bodies', () => {
    const entry = harEntry(exchange(), { keys: keysOf(exchange().requestHeaders), bodies: true });
    const text = JSON.stringify(entry);
    expect(text).not.toContain(KEY);
    expect(text).not.toContain(encodeURIComponent(KEY));
    expect(entry.request.headers).toContainEqual({ name: 'authorization', value: '[redacted]' });
    expect(entry.request.headers).toContainEqual({ name: 'cookie', value: '[redacted]' });
    expect(entry.request.headers).toContainEqual({ name: 'x-echo', value: '[redacted]' });
    expect(entry.request.headers).toContainEqual({ name: 'x-trace', value: 'trace-[redacted]' });
    expect(entry.request.cookies).toEqual([
      { name: 'session', value: '[redacted]' },
      { name: 'theme', value: '[redacted]' },
    ]);
    expect(entry.request.queryString).toContainEqual({ name: 'token', value: '[redacted]' });
    expect(entry.response.cookies.map((cookie) => cookie.name)).toEqual(['session', 'theme']);
    expect(JSON.parse(entry.response.content.text ?? '')).toEqual({ id: 'cgt-1', echo: '[redacted]' });
  });

  it('takes the bearer token and API-key headers as keys', () => {
    expect(
      keysOf([
        ['Authorization', `Bearer ${KEY}`],
        ['x-api-key', 'other-key'],
        ['accept', 'x'],
      ]),
    ).toEqual([KEY, 'other-key']);
    // Too short to search for (every "ab" in a file would go); the credential header itself is still redacted.
    expect(keysOf([['authorization', 'Bearer ab']])).toEqual([]);
    const entry = harEntry(exchange({ requestHeaders: [['authorization', 'Bearer ab']] }), { keys: [], bodies: true });
    expect(entry.request.headers).toEqual([{ name: 'authorization', value: '[redacted]' }]);
  });

  it('writes a binary body as base64 and says so; --no-bodies keeps only sizes', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe]);
    const entry = harEntry(
      exchange({
        requestHeaders: [['content-type', 'multipart/form-data; boundary=x']],
        requestBody: { bytes: png, size: png.length },
        responseHeaders: [['content-type', 'video/mp4']],
        responseBody: { bytes: png, size: png.length },
      }),
      { keys: [KEY], bodies: true },
    );
    expect(entry.response.content).toMatchObject({ encoding: 'base64', text: toBase64(png), size: png.length });
    expect(entry._requestBodyEncoding).toBe('base64');
    const bare = harEntry(exchange(), { keys: [KEY], bodies: false });
    expect(bare.request.postData).toBeUndefined();
    expect(bare.response.content.text).toBeUndefined();
    expect(bare.response.content.size).toBeGreaterThan(0);
  });

  it('removes a key from any body, text or binary, whatever surrounds it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 8, maxLength: 40 }).filter((key) => !key.includes('[redacted]') && key.trim() === key && !/\s/.test(key)),
        fc.uint8Array({ maxLength: 64 }),
        fc.uint8Array({ maxLength: 64 }),
        (key, before, after) => {
          const keyBytes = encode(key);
          const body = new Uint8Array([...before, ...keyBytes, ...after, ...keyBytes]);
          const entry = harEntry(
            exchange({
              url: 'https://gateway.example/ark/x',
              requestHeaders: [['authorization', `Bearer ${key}`]],
              requestBody: { bytes: body, size: body.length },
              responseHeaders: [['content-type', 'application/octet-stream']],
              responseBody: { bytes: body, size: body.length },
            }),
            { keys: [key], bodies: true },
          );
          const [read] = readHar(document(entry));
          for (const bytes of [read?.requestBody?.bytes, read?.responseBody?.bytes]) {
            expect(bytes).toBeDefined();
            expect(Buffer.from(bytes ?? []).includes(Buffer.from(keyBytes))).toBe(false);
          }
          expect(JSON.stringify(entry)).not.toContain(key);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('reading', () => {
  it('gives back each exchange: method, URL, headers, status and the bodies as written', () => {
    const [read] = readHar(document(harEntry(exchange(), { keys: [], bodies: true })));
    expect(read).toMatchObject({ index: 0, method: 'POST', status: 200, baseUrl: 'https://gateway.example/ark' });
    expect(new TextDecoder().decode(read?.requestBody?.bytes)).toContain(KEY);
    expect(read?.url.pathname).toBe('/ark/api/v3/contents/generations/tasks');
  });

  it('marks a body that was not kept (over the cap, cut off, or --no-bodies) as present but without bytes', () => {
    const cut = harEntry(exchange({ responseBody: { size: 20, cut: true } }), { keys: [], bodies: true });
    const big = harEntry(exchange({ responseBody: { size: 9_000_000 } }), { keys: [], bodies: true });
    const [first, second] = readHar(document(cut, big));
    expect(first?.responseBody).toEqual({ size: 20, cut: true });
    expect(second?.responseBody).toEqual({ size: 9_000_000 });
  });

  it('names the entry a truncated recording is cut off in', () => {
    const entries = [1, 2, 3, 4].map(() => harEntry(exchange(), { keys: [], bodies: true }));
    const text = document(...entries);
    const third = text.indexOf('"startedDateTime"', text.indexOf('"startedDateTime"', text.indexOf('"startedDateTime"') + 1) + 1);
    const error = (() => {
      try {
        readHar(text.slice(0, third + 200));
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(HarError);
    expect((error as HarError).entry).toBe(2);
    expect((error as HarError).message).toMatch(/cut off inside entry 3 \(log\.entries\[2\]\): 2 complete entries before it/);
  });

  it('names the entry that is not valid JSON, or lacks what an exchange needs', () => {
    const entries = [1, 2, 3].map(() => JSON.stringify(harEntry(exchange(), { keys: [], bodies: true })));
    const { head, tail } = harFrame({ name: 'test', version: '1' });
    const broken = `${head}${entries[0]},${entries[1]?.replace('"status":200', '"status":,')},${entries[2]}${tail}`;
    expect(() => readHar(broken)).toThrow(/^entry 2 \(log\.entries\[1\]\) is not valid JSON/);
    const noStatus = `${head}${entries[0]},${entries[1]},${entries[2]?.replace('"status":200', '"status":"200"')}${tail}`;
    expect(() => readHar(noStatus)).toThrow('entry 3 (log.entries[2]): response.status must be a number, not "200"');
    expect(() => readHar('{"log":{}}')).toThrow('not a HAR recording: log.entries is not an array');
  });
});

describe('the module', () => {
  it('imports nothing but the HAR types and the key redaction and uses no Node API, so it runs wherever the simulator does', () => {
    const source = readFileSync(resolve(import.meta.dirname, '../../mocks/simulator/har.ts'), 'utf8');
    const imports = ts.preProcessFile(source, true, true).importedFiles.map((entry) => entry.fileName);
    expect(imports.sort()).toEqual(['../../src/redact.ts', 'har-format', 'har-format']);
    expect(source).not.toMatch(/\bBuffer\b|\bprocess\.|\brequire\(|from 'node:/);
  });
});
