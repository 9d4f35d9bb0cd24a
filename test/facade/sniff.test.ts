// src/sniff.ts against file-type@21 (a dev dependency kept as the oracle): over byte strings built
// from real files and signatures, mutated, truncated and random, our sniffer allows exactly the
// uploads file-type allows under every multipart `encoding` a contract lists, and where file-type
// names a type our table names, we name the same. Fixed seed, bounded runs.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { dialectContracts } from '../../src/contract.ts';
import { SNIFF_BYTES, sniffBytes, UNKNOWN_MEDIA_TYPE } from '../../src/sniff.ts';

const FIXTURES = resolve(import.meta.dirname, '../../mocks/fixtures');
const fixtures = readdirSync(FIXTURES).map((name) => new Uint8Array(readFileSync(resolve(FIXTURES, name))));

/** Every media-type list a contract's multipart `encoding` gives a file field. */
const encodings = [
  ...new Set(
    Object.values(dialectContracts).flatMap((contract) =>
      Object.values(contract.operations).flatMap((operation) => Object.values(operation.requestEncoding ?? {})),
    ),
  ),
].map((list) => list.split(',').map((type) => type.trim()));

/** The types src/sniff.ts names; where file-type names one of these, we must name the same. */
const NAMED = new Set([
  'image/png',
  'image/apng',
  'image/jpeg',
  'image/jls',
  'image/webp',
  'image/gif',
  'image/bmp',
  'image/tiff',
  'image/avif',
  'image/heif',
  'image/heif-sequence',
  'image/heic',
  'image/heic-sequence',
  'image/x-canon-cr3',
  'video/mp4',
  'video/quicktime',
  'video/x-m4v',
  'video/3gpp',
  'video/3gpp2',
  'video/webm',
  'video/vnd.avi',
  'audio/mp4',
  'audio/x-m4a',
  'audio/wav',
  'audio/mpeg',
  'audio/aac',
  'application/pdf',
  'application/zip',
  'application/gzip',
]);

const bytes = (...parts: Array<string | number[] | Uint8Array>): Uint8Array =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : [...part])));
const u32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngChunk = (type: string, data: Uint8Array | number[], length = data.length) => bytes(u32(length), type, data, [0, 0, 0, 0]);
const IHDR = pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);

/** Leading bytes of many formats (as file-type's detectors and the formats' specifications give them). */
const SIGNATURES: Uint8Array[] = [
  bytes(PNG_SIGNATURE),
  bytes(PNG_SIGNATURE, IHDR, pngChunk('IDAT', [1, 2, 3])),
  bytes(PNG_SIGNATURE, IHDR, pngChunk('acTL', [0, 0, 0, 1, 0, 0, 0, 0]), pngChunk('IDAT', [1])),
  bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', [0]),
  bytes([0xff, 0xd8, 0xff, 0xf7]),
  bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8 '),
  bytes('RIFF', [0x24, 0, 0, 0], 'WEBPVP8L'),
  bytes('RIFF', [0x24, 0, 0, 0], 'WAVEfmt '),
  bytes('RIFF', [0x24, 0, 0, 0], 'AVI LIST'),
  bytes('GIF89a'),
  bytes('GIF87a'),
  bytes('BM', [0x36, 0, 0, 0]),
  bytes('II', [42, 0, 8, 0, 0, 0]),
  bytes('MM', [0, 42, 0, 0, 0, 8]),
  bytes('%PDF-1.7\n'),
  bytes('PK', [3, 4, 20, 0]),
  bytes([0x1f, 0x8b, 8, 0]),
  bytes([0, 0, 0, 0x18], 'ftypisom', [0, 0, 2, 0]),
  bytes([0, 0, 0, 0x1c], 'ftypavif'),
  bytes([0, 0, 0, 0x18], 'ftypheic'),
  bytes([0, 0, 0, 0x18], 'ftypmif1'),
  bytes([0, 0, 0, 0x14], 'ftypqt  '),
  bytes([0, 0, 0, 0x14], 'ftypM4A '),
  bytes([0, 0, 0, 0x14], 'ftyp3gp5'),
  bytes([0, 0, 0, 0x14], 'ftyp3g2a'),
  bytes([0, 0, 0, 8], 'moov'),
  bytes([0, 0, 0, 8], 'free'),
  bytes([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 1, 0x42, 0x82, 0x84], 'webm'),
  bytes([0x1a, 0x45, 0xdf, 0xa3, 0xa3, 0x42, 0x82, 0x88], 'matroska'),
  bytes('ID3', [4, 0, 0, 0, 0, 0, 0]),
  bytes([0xff, 0xfb, 0x90, 0x64]),
  bytes([0xff, 0xf1, 0x50, 0x80]),
  bytes([0xef, 0xbb, 0xbf], '<?xml version="1.0"?><svg'),
  bytes('OggS', [0, 2]),
  bytes('fLaC'),
  bytes([0x7f], 'ELF'),
  bytes('Rar!', [0x1a, 7, 0]),
  bytes([0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]),
  bytes([0, 0, 1, 0, 1, 0]),
  bytes([0, 0, 1, 0xba]),
  bytes('8BPS'),
  bytes('wOFF'),
  bytes('<?xml version="1.0"?>'),
  bytes('{"a":1}'),
  ...fixtures,
];

/** A PNG-like stream: the signature, then chunks of chosen types and (possibly wrong) lengths. */
const pngLike = fc
  .array(
    fc.record({
      type: fc.constantFrom('IHDR', 'IDAT', 'acTL', 'CgBI', 'tEXt', 'fcTL', 'idat', 'IEND'),
      data: fc.uint8Array({ maxLength: 20 }),
      length: fc.option(fc.oneof(fc.constantFrom(13, 0, -1, 0x7fffffff, 4_100), fc.integer({ min: 0, max: 5_000 })), { nil: undefined }),
    }),
    { maxLength: 6 },
  )
  .map((chunks) => bytes(PNG_SIGNATURE, ...chunks.map(({ type, data, length }) => pngChunk(type, data, length ?? data.length))));

const known = fc.oneof(fc.constantFrom(...SIGNATURES), pngLike);

/** A known start, changed: truncated, a byte replaced, random bytes appended, filled up to about SNIFF_BYTES, or behind a BOM or an ID3 tag. */
const mutated = fc.oneof(
  fc.tuple(known, fc.nat()).map(([sample, cut]) => sample.subarray(0, cut % (sample.length + 1))),
  fc.tuple(known, fc.nat(), fc.integer({ min: 0, max: 255 })).map(([sample, index, value]) => {
    const copy = sample.slice();
    if (copy.length > 0) copy[index % copy.length] = value;
    return copy;
  }),
  fc.tuple(known, fc.uint8Array({ maxLength: 64 })).map(([sample, tail]) => bytes(sample, tail)),
  fc
    .tuple(known, fc.integer({ min: SNIFF_BYTES - 24, max: SNIFF_BYTES + 24 }), fc.integer({ min: 0, max: 255 }))
    .map(([sample, length, fill]) => bytes(sample, new Uint8Array(Math.max(0, length - sample.length)).fill(fill))),
  fc.tuple(known, fc.integer({ min: 1, max: 3 })).map(([sample, count]) => bytes(...Array.from({ length: count }, () => [0xef, 0xbb, 0xbf]), sample)),
  fc.tuple(known, fc.uint8Array({ maxLength: 40 }), fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined })).map(([sample, tag, declared]) => {
    const size = declared ?? tag.length;
    return bytes('ID3', [4, 0, 0, (size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f], tag, sample);
  }),
);

const samples = fc.oneof({ arbitrary: known, weight: 2 }, { arbitrary: mutated, weight: 6 }, { arbitrary: fc.uint8Array({ maxLength: 48 }), weight: 1 });

async function theirs(head: Uint8Array): Promise<string> {
  return (await fileTypeFromBuffer(head))?.mime ?? UNKNOWN_MEDIA_TYPE;
}

describe('sniffBytes decides like file-type@21', () => {
  it('the contracts list media types to check (the encodings this test covers)', () => {
    expect(encodings.length).toBeGreaterThan(0);
    expect(encodings.flat()).toContain('image/png');
  });

  it('names every fixture and signature file-type names in our table as file-type does', async () => {
    for (const sample of SIGNATURES) {
      const head = sample.subarray(0, SNIFF_BYTES);
      const expected = await theirs(head);
      if (NAMED.has(expected)) expect([sample.subarray(0, 16), sniffBytes(head)]).toEqual([sample.subarray(0, 16), expected]);
    }
  });

  it('PNG edge cases: acTL before IDAT is APNG, after it PNG; a bad IHDR, a short or headless stream is not a PNG', async () => {
    const cases: Array<[Uint8Array, string]> = [
      [bytes(PNG_SIGNATURE, IHDR, pngChunk('acTL', [0, 0, 0, 1, 0, 0, 0, 0]), pngChunk('IDAT', [1])), 'image/apng'],
      [bytes(PNG_SIGNATURE, IHDR, pngChunk('IDAT', [1]), pngChunk('acTL', [0, 0, 0, 1, 0, 0, 0, 0])), 'image/png'],
      [bytes(PNG_SIGNATURE, pngChunk('IHDR', [0, 0, 0, 1]), pngChunk('IDAT', [1])), UNKNOWN_MEDIA_TYPE],
      [bytes(PNG_SIGNATURE, pngChunk('tEXt', [1, 2]), IHDR, pngChunk('IDAT', [1])), UNKNOWN_MEDIA_TYPE],
      [bytes(PNG_SIGNATURE), UNKNOWN_MEDIA_TYPE],
      [bytes(PNG_SIGNATURE, IHDR.subarray(0, 20)), 'image/png'],
      [bytes('ID3', [4, 0, 0, 0, 0, 0, 2], [0, 0], PNG_SIGNATURE, IHDR, pngChunk('IDAT', [1])), 'image/png'],
      [bytes([0xef, 0xbb, 0xbf], [0xff, 0xd8, 0xff, 0xdb]), 'image/jpeg'],
      [bytes([0xff, 0xd8]), UNKNOWN_MEDIA_TYPE],
      [bytes('RIFF', [0, 0, 0, 0], 'WEB'), UNKNOWN_MEDIA_TYPE],
    ];
    for (const [sample, expected] of cases) {
      expect(await theirs(sample)).toBe(expected);
      expect(sniffBytes(sample)).toBe(expected);
    }
  });

  it('allows exactly what file-type allows under every contract encoding, and names what it names (fast-check, fixed seed)', async () => {
    const ours = new Set<string>();
    await fc.assert(
      fc.asyncProperty(samples, async (sample) => {
        const head = sample.subarray(0, SNIFF_BYTES);
        const [mine, reference] = [sniffBytes(head), await theirs(head)];
        ours.add(mine);
        for (const allowed of encodings) expect(allowed.includes(mine)).toBe(allowed.includes(reference));
        if (NAMED.has(reference)) expect(mine).toBe(reference);
      }),
      { seed: 20261126, numRuns: 4_000 },
    );
    // NAMED keeps up with the table: every name we gave is listed (or is the fallback).
    for (const type of ours) expect(type === UNKNOWN_MEDIA_TYPE || NAMED.has(type)).toBe(true);
  });
});
