// The helpers src/ keeps one of for src/, mocks/, cli/, scripts/ and test/: what every caller relies on.
import { describe, expect, it } from 'vitest';
import { expandDialectTemplate, isLoopbackUrl } from '../../src/base-url.ts';
import { escapePointerSegment, pointerSegments } from '../../src/json-pointer.ts';
import { OPERATION_METHODS } from '../../src/openapi.ts';
import { resolutionOfModel } from '../../src/routing.ts';

describe('pointerSegments', () => {
  it.each([
    ['/content/1/role', ['content', '1', 'role']],
    ['', []],
    ['#/components/schemas/Task', ['components', 'schemas', 'Task']],
    ['#/paths/~1v1~1videos~1{id}/get', ['paths', '/v1/videos/{id}', 'get']],
    ['#/paths/~1a%20b', ['paths', '/a b']],
    ['/a~01', ['a~1']],
    ['#/bad%', ['bad%']],
  ])('reads %s', (pointer, segments) => expect(pointerSegments(pointer)).toEqual(segments));

  it('round-trips any key through escapePointerSegment', () => {
    for (const key of ['plain', 'a/b', '~', '~1', '/~/', '']) expect(pointerSegments(`/x/${escapePointerSegment(key)}`)).toEqual(key ? ['x', key] : ['x']);
  });
});

describe('isLoopbackUrl', () => {
  it.each(['http://127.0.0.1:4010/ark', 'http://127.1.2.3', 'http://localhost:9', 'https://LOCALHOST/', 'http://[::1]:4010/x'])('accepts %s', (url) =>
    expect(isLoopbackUrl(url)).toBe(true),
  );
  it.each(['http://10.0.0.1', 'http://127.0.0.1.example.com', 'http://localhost.evil', 'http://[::2]', 'not a url', 'http://0x7f000001.example'])(
    'refuses %s',
    (url) => expect(isLoopbackUrl(url)).toBe(false),
  );
});

describe('expandDialectTemplate', () => {
  it('replaces every {dialect} and leaves other URLs alone', () => {
    expect(expandDialectTemplate('http://127.0.0.1:4010/{dialect}', 'ark')).toBe('http://127.0.0.1:4010/ark');
    expect(expandDialectTemplate('http://127.0.0.1:4010', 'ark')).toBe('http://127.0.0.1:4010');
  });
});

describe('resolutionOfModel', () => {
  it.each([
    ['doubao-seedance-1-5-pro_720p', '720p'],
    ['doubao-seedance-1-0-pro_1080p', '1080p'],
    ['seedance2.0-fast-480p', '480p'],
    ['seedance2.0-4k', '4k'],
    ['doubao-seedance-1-5-pro-251215', undefined],
  ])('reads %s as %s', (model, resolution) => expect(resolutionOfModel(model)).toBe(resolution));
});

it('OPERATION_METHODS are the eight operation fields of an OpenAPI 3.1 Path Item', () => {
  expect([...OPERATION_METHODS].sort()).toEqual(['delete', 'get', 'head', 'options', 'patch', 'post', 'put', 'trace']);
});
