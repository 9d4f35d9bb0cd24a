// A bounded corpus of malformed requests, generated with fast-check from a fixed seed: the same
// run every time, covering every dialect and every documented operation. Operations (method,
// path, body media type) come from the contract bundles, never typed here.
import fc from 'fast-check';
import { contracts } from '../../src/contracts/index.ts';
import { DIALECT_IDS, type DialectId } from '../../generated/dialects.ts';

export interface HostileCase {
  family: string;
  /** The dialect the request is addressed to, whose envelope a refusal must use (none: the plain one). */
  dialect?: DialectId;
  /** Bytes written at once. */
  head: Buffer;
  /** Bytes written later, one piece per pause (slow clients). */
  pieces?: Buffer[];
  pauseMs?: number;
  /** How many answers to wait for when the connection stays open. */
  responses: number;
}

export const LIMITS = { bodyLimitBytes: 16 * 1024, headersMs: 300, bodyMs: 300, maxJsonDepth: 64 };
export const SEED = 20_261_126;

interface Target {
  dialect: DialectId;
  operationId: string;
  method: string;
  path: string;
  mediaType?: string;
}

const TARGETS: Target[] = DIALECT_IDS.flatMap((dialect) =>
  Object.entries(contracts[dialect].operations).map(([operationId, operation]) => ({
    dialect,
    operationId,
    method: operation.method.toUpperCase(),
    path: `/${dialect}${operation.path}`,
    ...(operation.requestMediaType ? { mediaType: operation.requestMediaType } : {}),
  })),
);

const target = fc.constantFrom(...TARGETS);
const BODY_TARGETS = TARGETS.filter((candidate) => candidate.mediaType);
const JSON_TARGETS = BODY_TARGETS.filter((candidate) => candidate.mediaType === 'application/json');
const MULTIPART_TARGETS = BODY_TARGETS.filter((candidate) => candidate.mediaType?.startsWith('multipart/'));

const NASTY_SEGMENTS = [
  '%',
  '%%',
  '%zz',
  '%E0%A4%A',
  '%C0%AF',
  '%00',
  '%FF%FE',
  '..',
  '%2e%2e',
  '%2F',
  '.',
  '~',
  '%20',
  '%u0041',
  '\u00ff\u00fe',
  'a'.repeat(3_000),
  '%'.repeat(200),
  '{id}',
  '[',
  ']',
];

function request(method: string, path: string, headers: Record<string, string | number>, body: Buffer | string = ''): Buffer {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const lines = [`${method} ${path} HTTP/1.1`, 'Host: 127.0.0.1', ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`)];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), bytes]);
}

const AUTH = { Authorization: 'Bearer sk-hostile' };
const withAuth = fc.boolean().map((auth) => (auth ? AUTH : {}));
const fill = (path: string, segment: string) => path.replace(/\{[^}]+\}/g, segment);

/** Request-targets: nasty path ids, absolute and odd forms, queries that are not URL-encoded. */
const targets = fc
  .tuple(
    target,
    fc.constantFrom(...NASTY_SEGMENTS),
    fc.constantFrom('', '?', '?a=%', '?filter.status=%zz&page_size=-1', '#frag', '?x=' + 'y'.repeat(2_000)),
    fc.constantFrom('origin', 'absolute', 'userinfo', 'double-slash', 'broken-absolute'),
    withAuth,
  )
  .map(([t, segment, suffix, form, auth]): HostileCase => {
    const path = `${fill(t.path, segment)}${suffix}`;
    const forms: Record<string, string> = {
      origin: path,
      absolute: `http://127.0.0.1${path}`,
      userinfo: `http://user:sk-secret@127.0.0.1${path}`,
      'double-slash': `/${path}`,
      'broken-absolute': `http://[${path}`,
    };
    const requestTarget = forms[form]!;
    // `//ark/...` and `http://[` name no dialect to the server: their refusal is in the plain envelope.
    const dialect = form === 'double-slash' || form === 'broken-absolute' ? undefined : t.dialect;
    return { family: `target/${form}`, ...(dialect ? { dialect } : {}), head: request(t.method, requestTarget, auth), responses: 1 };
  });

/** Any method on any documented path. */
const methods = fc
  .tuple(target, fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'TRACE', 'FOO', 'GET', 'POST', 'DELETE'), withAuth)
  .map(([t, method, auth]): HostileCase => ({ family: 'method', dialect: t.dialect, head: request(method, fill(t.path, 'task_x'), auth), responses: 1 }));

/** JSON nested past the limit, at the top and inside a field. */
const nesting = fc
  .tuple(fc.constantFrom(...JSON_TARGETS), fc.integer({ min: 65, max: 6_000 }), fc.constantFrom('[', '{"a":'), fc.boolean())
  .map(([t, depth, open, inside]): HostileCase => {
    const close = open === '[' ? ']' : '}';
    const nested = `${open.repeat(depth)}${open === '[' ? '' : '1'}${close.repeat(depth)}`;
    const body = inside ? `{"model":"m","content":[{"type":"text","text":"x"}],"extra":${nested}}` : nested;
    return {
      family: 'json/nesting',
      dialect: t.dialect,
      head: request('POST', t.path, { ...AUTH, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) }, body),
      responses: 1,
    };
  });

/** Arbitrary JSON values, truncated JSON, and invalid UTF-8 inside strings. */
const jsonBodies = fc
  .tuple(fc.constantFrom(...JSON_TARGETS), fc.json({ maxDepth: 4 }), fc.constantFrom('as-is', 'truncated', 'bad-utf8', 'bom', 'nul'))
  .map(([t, json, mutation]): HostileCase => {
    const text = Buffer.from(json, 'utf8');
    const body = {
      'as-is': text,
      truncated: text.subarray(0, Math.max(0, text.length - 1)),
      'bad-utf8': Buffer.concat([
        Buffer.from('{"model":"m","content":[{"type":"text","text":"'),
        Buffer.from([0xc3, 0x28, 0xa0, 0xa1, 0xff]),
        Buffer.from('"}]}'),
      ]),
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), text]),
      nul: Buffer.concat([text, Buffer.from([0])]),
    }[mutation];
    return {
      family: `json/${mutation}`,
      dialect: t.dialect,
      head: request('POST', t.path, { ...AUTH, 'Content-Type': 'application/json', 'Content-Length': body.length }, body),
      responses: 1,
    };
  });

/** Bodies around the size limit, declared or chunked, and lengths that lie. */
const sizes = fc
  .tuple(fc.constantFrom(...BODY_TARGETS), fc.integer({ min: -8, max: 8 }), fc.constantFrom('declared', 'chunked', 'declared-huge', 'length-short'))
  .map(([t, delta, how]): HostileCase => {
    const size = LIMITS.bodyLimitBytes + delta;
    const body = `{"model":"m","content":[{"type":"text","text":"${'x'.repeat(Math.max(0, size - 50))}"}]}`;
    const type = { 'Content-Type': t.mediaType ?? 'application/json' };
    if (how === 'chunked') {
      const chunks = `${Buffer.byteLength(body).toString(16)}\r\n${body}\r\n0\r\n\r\n`;
      return {
        family: 'size/chunked',
        dialect: t.dialect,
        head: request('POST', t.path, { ...AUTH, ...type, 'Transfer-Encoding': 'chunked' }, chunks),
        responses: 1,
      };
    }
    if (how === 'declared-huge')
      return {
        family: 'size/declared-huge',
        dialect: t.dialect,
        head: request('POST', t.path, { ...AUTH, ...type, 'Content-Length': 10 * 1024 * 1024 * 1024 }, '{"model":'),
        responses: 1,
      };
    // A declared length shorter than the body: the rest is read as a second, broken request.
    const declared = how === 'length-short' ? Math.max(0, Buffer.byteLength(body) - 10) : Buffer.byteLength(body);
    return { family: `size/${how}`, dialect: t.dialect, head: request('POST', t.path, { ...AUTH, ...type, 'Content-Length': declared }, body), responses: 1 };
  });

/** Content types that are wrong, missing, or malformed. */
const contentTypes = fc
  .tuple(
    fc.constantFrom(...BODY_TARGETS),
    fc.constantFrom(
      '',
      'text/plain',
      'application/json; charset=latin1',
      'multipart/form-data',
      'multipart/form-data; boundary=',
      'application/x-www-form-urlencoded',
      ';;;',
      'application/json\u00ff',
      'multipart/form-data; boundary="unterminated',
    ),
  )
  .map(([t, type]): HostileCase => {
    const body = '{"model":"m","content":[{"type":"text","text":"x"}]}';
    const headers: Record<string, string | number> = { ...AUTH, 'Content-Length': body.length, ...(type ? { 'Content-Type': type } : {}) };
    return { family: 'content-type', dialect: t.dialect, head: request('POST', t.path, headers, body), responses: 1 };
  });

/** Multipart bodies broken in the ways parsers get wrong. */
const multipart = fc
  .tuple(
    fc.constantFrom(...MULTIPART_TARGETS),
    fc.constantFrom('bad-boundary', 'truncated', 'duplicate', 'huge-part-header', 'no-crlf', 'empty', 'file-as-model'),
  )
  .map(([t, breakage]): HostileCase => {
    const part = (name: string, value: string, extra = '') => `--b0\r\nContent-Disposition: form-data; name="${name}"${extra}\r\n\r\n${value}\r\n`;
    const good = `${part('model', 'doubao-seedance-1-5-pro_720p')}${part('prompt', 'x')}`;
    const body = {
      'bad-boundary': `${good.replaceAll('--b0', '--other')}--other--\r\n`,
      truncated: `${good}--b0\r\nContent-Disposition: form-da`,
      duplicate: `${good}${part('prompt', 'again')}--b0--\r\n`,
      'huge-part-header': `--b0\r\nContent-Disposition: form-data; name="prompt"; x="${'h'.repeat(12_000)}"\r\n\r\nx\r\n--b0--\r\n`,
      'no-crlf': good.replaceAll('\r\n', '\n') + '--b0--\n',
      empty: '',
      'file-as-model': `${part('model', 'x', '; filename="model.bin"')}${part('prompt', 'x')}--b0--\r\n`,
    }[breakage];
    const headers = { ...AUTH, 'Content-Type': 'multipart/form-data; boundary=b0', 'Content-Length': Buffer.byteLength(body) };
    return { family: `multipart/${breakage}`, dialect: t.dialect, head: request('POST', t.path, headers, body), responses: 1 };
  });

/** Headers larger than Node accepts, or many of them. */
const hugeHeaders = fc.tuple(target, fc.constantFrom('one-huge', 'many')).map(([t, how]): HostileCase => {
  const headers: Record<string, string> =
    how === 'one-huge'
      ? { ...AUTH, 'X-Huge': 'h'.repeat(20_000) }
      : { ...AUTH, ...Object.fromEntries(Array.from({ length: 3_000 }, (_, i) => [`X-H${i}`, 'v'])) };
  return { family: `headers/${how}`, dialect: t.dialect, head: request(t.method, fill(t.path, 'task_x'), headers), responses: 1 };
});

/** Two or three requests in one write, the last sometimes over the limit or broken. */
const pipelined = fc.tuple(target, fc.integer({ min: 2, max: 3 }), fc.constantFrom('good', 'over-limit', 'garbage')).map(([t, count, last]): HostileCase => {
  const one = request('GET', fill(t.path.replace(/\/(\w|-)+$/, '/{x}'), 'task_x'), AUTH);
  const tail = {
    good: one,
    'over-limit': request(
      'POST',
      t.path,
      { ...AUTH, 'Content-Type': t.mediaType ?? 'application/json', 'Content-Length': LIMITS.bodyLimitBytes * 4 },
      '{"model":',
    ),
    garbage: Buffer.from('\u0000\u0001 NOT HTTP\r\n\r\n', 'latin1'),
  }[last];
  return {
    family: `pipelining/${last}`,
    dialect: t.dialect,
    head: Buffer.concat([...Array.from({ length: count - 1 }, () => one), tail]),
    responses: last === 'garbage' ? count : count,
  };
});

/** Slow clients: a body or headers that trickle in past the server's deadlines. */
const slow = fc.tuple(fc.constantFrom(...BODY_TARGETS), fc.constantFrom('body', 'headers')).map(([t, what]): HostileCase => {
  const pieces = Array.from({ length: 8 }, () => Buffer.from(what === 'body' ? 'x' : 'X-Slow: 1\r\n'));
  if (what === 'body') {
    return {
      family: 'slow/body',
      dialect: t.dialect,
      head: request('POST', t.path, { ...AUTH, 'Content-Type': t.mediaType ?? 'application/json', 'Content-Length': 1_000 }),
      pieces,
      pauseMs: 100,
      responses: 1,
    };
  }
  return {
    family: 'slow/headers',
    dialect: t.dialect,
    head: Buffer.from(`POST ${t.path} HTTP/1.1\r\nHost: 127.0.0.1\r\n`),
    pieces,
    pauseMs: 100,
    responses: 1,
  };
});

/** How many of each family; slow ones are few because each takes the server's deadline to end. */
const FAMILIES: Array<[fc.Arbitrary<HostileCase>, number]> = [
  [targets, 400],
  [methods, 100],
  [nesting, 120],
  [jsonBodies, 300],
  [sizes, 120],
  [contentTypes, 80],
  [multipart, 80],
  [hugeHeaders, 30],
  [pipelined, 80],
  [slow, 16],
];

export function hostileCorpus(): HostileCase[] {
  return FAMILIES.flatMap(([arbitrary, numRuns], index) => fc.sample(arbitrary, { seed: SEED + index, numRuns }));
}
