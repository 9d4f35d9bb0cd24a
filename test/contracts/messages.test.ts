// Validation messages a user can act on: they name the field as the user wrote it and say what
// was expected in plain words; a value of the wrong type is reported as such, never blamed on a
// mixing rule; nothing is reported about a field the user never sent.
import { describe, expect, it } from 'vitest';
import { checkRequestBody } from '../../src/contracts/index.ts';
import type { DialectId } from '../../generated/dialects.ts';
import { loadContracts, loadOperations } from '../support/contracts.ts';

const TEXT = [{ type: 'text', text: 'A cat on a fence' }];
// The dialects whose request carries a content[] array (multipart-videos and openrouter have none).
const BODIES = {
  ark: (fields) => ({ model: 'doubao-seedance-2-0-260128', content: TEXT, ...fields }),
  'content-metadata': (fields) => ({ model: 'doubao-seedance-2-0-260128', content: TEXT, ...fields }),
  'unified-jobs': (fields) => ({ model: 'seedance2.0-720p', duration: 5, prompt: 'A cat on a fence', content: TEXT, ...fields }),
} satisfies Partial<Record<DialectId, (fields: Record<string, unknown>) => Record<string, unknown>>>;

describe.each(Object.entries(BODIES))('%s createTask messages', (dialect, body) => {
  const check = (fields: Record<string, unknown>) => checkRequestBody(dialect as DialectId, 'createTask', body(fields));

  it.each([null, 'x', {}, 5])('reports content %j as "content must be an array", blaming no mixing rule and no other field', (content) => {
    expect(check({ content })).toEqual([{ path: '/content', rule: 'schema-type', message: 'content must be an array' }]);
  });

  it('names an item of the wrong type by its position', () => {
    const issues = check({ content: [...TEXT, 'not an item'] });
    expect(issues.map((issue) => issue.path)).toEqual(['/content/1']);
    expect(issues[0]?.message).not.toMatch(/must NOT be valid|must match|schema/);
  });
});

describe('ranges are worded as ranges', () => {
  it('ark: duration 99 is "duration must be between 4 and 15", not "required"', () => {
    expect(checkRequestBody('ark', 'createTask', BODIES.ark({ duration: 99 }))).toEqual([
      { path: '/duration', rule: 'duration-range', message: 'duration must be between 4 and 15' },
    ]);
  });

  it('unified-jobs: duration 99 is "duration must be between 4 and 15"', () => {
    expect(checkRequestBody('unified-jobs', 'createTask', BODIES['unified-jobs']({ duration: 99 }))[0]?.message).toBe('duration must be between 4 and 15');
  });

  it('multipart-videos: seconds 99 says both bounds of its half-open range', () => {
    const issues = checkRequestBody('multipart-videos', 'createTask', { model: 'doubao-seedance-1-5-pro_720p', prompt: 'x', seconds: '99' });
    expect(issues.map((issue) => issue.message)).toEqual(['seconds must be at least 4 and less than 12']);
  });

  it('content-metadata: a range with a gap ([4, 15] or -1) is worded by its rule, not as "between -1 and 15"', () => {
    const [issue] = checkRequestBody('content-metadata', 'createTask', BODIES['content-metadata']({ metadata: { duration: 2 } }));
    expect(issue?.rule).toBe('duration-range');
    expect(issue?.message).not.toContain('between -1 and 15');
  });

  it('a required field left out is "<field> is required"', () => {
    expect(checkRequestBody('ark', 'createTask', { content: TEXT })).toEqual([{ path: '/model', rule: 'model-required', message: 'model is required' }]);
  });
});

describe('content-metadata reports only what the user sent', () => {
  it('a mistyped content does not add /metadata/generate_audio, which the user never sent', () => {
    for (const content of [null, 'x', {}]) {
      const issues = checkRequestBody('content-metadata', 'createTask', { model: 'doubao-seedance-2-0-260128', content });
      expect(issues.map((issue) => issue.path)).toEqual(['/content']);
    }
  });

  it('a reference audio without generate_audio is refused at metadata.generate_audio (the default is false)', () => {
    const content = [
      ...TEXT,
      { type: 'image_url', image_url: { url: 'https://e.com/a.png' }, role: 'reference_image' },
      { type: 'audio_url', audio_url: { url: 'https://e.com/a.mp3' }, role: 'reference_audio' },
    ];
    expect(checkRequestBody('content-metadata', 'createTask', { model: 'doubao-seedance-2-0-260128', content }).map((issue) => issue.rule)).toEqual([
      'reference-audio-requires-generate-audio',
    ]);
  });
});

describe('no raw validator text in any refusal of a documented negative example', () => {
  for (const contract of loadContracts()) {
    for (const operation of loadOperations(contract).filter((candidate) => candidate.requestMediaTypes.length > 0)) {
      it.each(operation.invalid.filter((example) => example.location === 'body').map((example) => [contract.dialect, example.name, example] as const))(
        '%s "%s"',
        (dialect, _, example) => {
          for (const issue of checkRequestBody(dialect as DialectId, operation.operationId, example.body)) {
            expect(issue.message).not.toMatch(/must NOT|must match a schema|must match "then"|must pass|\/\w+\/\d+ /);
          }
        },
      );
    }
  }
});
