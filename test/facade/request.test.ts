// The canonical request refuses malformed input before routing, naming each field.
import { describe, expect, it } from 'vitest';
import { parseVideoRequest, ValidationError } from '../../src/index.ts';

function issuesOf(input: unknown) {
  try {
    parseVideoRequest(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as ValidationError).issues;
  }
  throw new Error('accepted');
}

describe('the canonical request', () => {
  it('names an unknown (misspelt) field instead of ignoring it', () => {
    expect(issuesOf({ model: 'm', prompt: 'p', durration: 5 })).toEqual([{ path: '', rule: 'unknown-field', message: 'unknown field(s) durration' }]);
  });

  it('names the field and the expected type of a wrong value', () => {
    expect(issuesOf({ model: 'm', duration: '5' })).toEqual([{ path: 'duration', rule: 'invalid-type', message: 'expected number' }]);
    expect(issuesOf({ model: 'm', images: [{ role: 'first_frame', source: 42 }] })[0]).toMatchObject({ path: 'images[0].source' });
    expect(issuesOf({ model: 'm', images: [{ role: 'start', source: 'https://e/x.png' }] })[0]).toMatchObject({
      path: 'images[0].role',
      message: 'expected one of "first_frame", "last_frame", "reference"',
    });
  });

  it('requires a model', () => {
    expect(issuesOf({ prompt: 'p' })[0]).toMatchObject({ path: 'model' });
  });

  it('accepts every media form: URL, asset id, data URI, bytes and Blob', () => {
    const request = parseVideoRequest({
      model: 'm',
      images: [
        { role: 'first_frame', source: 'https://example.com/a.png' },
        { role: 'reference', source: 'asset://asset-1' },
        { role: 'reference', source: 'data:image/png;base64,iVBORw0KGgo=' },
        { role: 'reference', source: new Uint8Array([1, 2]) },
        { role: 'reference', source: new Blob(['x']) },
      ],
      audios: [{ source: 'https://example.com/a.mp3' }],
    });
    expect(request.audios?.[0]?.role).toBe('reference');
  });
});
