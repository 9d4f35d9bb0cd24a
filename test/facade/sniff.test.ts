// src/sniff.ts against file-type@21 (a dev dependency kept as the oracle), both judging the same
// leading bytes (SNIFF_BYTES). On the valid start of every format the sniffer names, generated from
// the formats' specifications with random fields and tails (and on the fixtures), the two name the
// same type, an animated PNG being a PNG. On any bytes at all (random, and valid starts truncated,
// with a byte changed, or behind a prefix), the sniffer never names one of its types where
// file-type names another. Fixed seed, bounded runs.
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { fileTypeFromBuffer } from 'file-type';
import { describe, expect, it } from 'vitest';
import { contracts } from '../../src/contracts/index.ts';
import { SNIFF_BYTES, sniffBytes, UNKNOWN_MEDIA_TYPE } from '../../src/sniff.ts';

const FIXTURES = resolve(import.meta.dirname, '../../mocks/fixtures');
const fixtures = readdirSync(FIXTURES).map((name) => new Uint8Array(readFileSync(resolve(FIXTURES, name))));

/** Every media-type list a contract's multipart `encoding` gives a file field. */
const encodings = [
  ...new Set(
    Object.values(contracts).flatMap((contract) => Object.values(contract.operations).flatMap((operation) => Object.values(operation.requestEncoding ?? {}))),
  ),
].map((list) => list.split(',').map((type) => type.trim()));

const bytes = (...parts: Array<string | readonly number[] | Uint8Array>): Uint8Array =>
  new Uint8Array(parts.flatMap((part) => (typeof part === 'string' ? [...part].map((char) => char.charCodeAt(0)) : [...part])));
const u32 = (value: number) => [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
const le32 = (value: number) => u32(value).reverse();
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngChunk = (type: string, data: Uint8Array | readonly number[]) => bytes(u32(data.length), type, data, [0, 0, 0, 0]);

const tail = fc.uint8Array({ maxLength: 80 });
const byte = fc.integer({ min: 0, max: 255 });
/** A box or chunk size as files carry them: at least its own header, well under 4 GiB. */
const size = fc.integer({ min: 8, max: 1 << 24 });

/** The valid start of each format the sniffer names, with the type file-type and the sniffer must both give it. */
const VALID: Record<string, fc.Arbitrary<Uint8Array>> = {
  // Signature, IHDR (13 bytes), then image data, or an acTL first (an APNG), then anything.
  'image/png': fc
    .tuple(fc.uint8Array({ minLength: 13, maxLength: 13 }), fc.constantFrom('IDAT', 'acTL'), fc.uint8Array({ maxLength: 12 }), tail)
    .map(([header, next, data, rest]) => bytes(PNG_SIGNATURE, pngChunk('IHDR', header), pngChunk(next, data), rest)),
  // SOI and any marker but JPEG-LS's F7.
  'image/jpeg': fc
    .tuple(
      byte.filter((marker) => marker !== 0xf7),
      tail,
    )
    .map(([marker, rest]) => bytes([0xff, 0xd8, 0xff, marker], rest)),
  'image/webp': fc.tuple(size, fc.constantFrom('VP8 ', 'VP8L', 'VP8X'), tail).map(([length, chunk, rest]) => bytes('RIFF', le32(length), 'WEBP', chunk, rest)),
  'audio/wav': fc.tuple(size, tail).map(([length, rest]) => bytes('RIFF', le32(length), 'WAVE', 'fmt ', rest)),
  'image/gif': fc.tuple(fc.constantFrom('GIF87a', 'GIF89a'), tail).map(([signature, rest]) => bytes(signature, rest)),
  'image/bmp': fc.tuple(size, tail).map(([length, rest]) => bytes('BM', le32(length), [0, 0, 0, 0], rest)),
  // Little- or big-endian, the first IFD right after the header, with up to four entries (all within SNIFF_BYTES).
  'image/tiff': fc.tuple(fc.boolean(), fc.array(fc.integer({ min: 254, max: 50_000 }), { maxLength: 4 }), tail).map(([little, tags, rest]) => {
    const u16 = (value: number) => (little ? [value & 0xff, value >> 8] : [value >> 8, value & 0xff]);
    return bytes(little ? 'II' : 'MM', u16(42), little ? le32(8) : u32(8), u16(tags.length), ...tags.map((tag) => bytes(u16(tag), new Uint8Array(10))), rest);
  }),
  'video/quicktime': fc.oneof(
    fc.tuple(size, fc.constantFrom('moov', 'mdat', 'free', 'wide'), tail).map(([length, atom, rest]) => bytes(u32(length), atom, rest)),
    fc.tuple(size, tail).map(([length, rest]) => bytes(u32(length), 'ftypqt  ', rest)),
  ),
  'video/mp4': fc
    .tuple(size, fc.constantFrom('isom', 'iso2', 'iso6', 'mp41', 'mp42', 'avc1', 'dash', 'M4P ', 'F4V '), tail)
    .map(([length, brand, rest]) => bytes(u32(length), 'ftyp', brand, rest)),
  'image/heic': fc.tuple(size, fc.constantFrom('heic', 'heix'), tail).map(([length, brand, rest]) => bytes(u32(length), 'ftyp', brand, rest)),
  'image/heif': fc.tuple(size, tail).map(([length, rest]) => bytes(u32(length), 'ftypmif1', rest)),
  // A frame header (MPEG-1, -2 or 2.5; layer 1-3; a real bitrate and sample rate), alone or after an ID3 tag.
  'audio/mpeg': fc.oneof(
    fc
      .tuple(
        fc.constantFrom(0, 2, 3),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 1 }),
        fc.integer({ min: 1, max: 14 }),
        fc.integer({ min: 0, max: 2 }),
        tail,
      )
      .map(([version, layer, protection, bitrate, rate, rest]) =>
        bytes([0xff, 0xe0 | (version << 3) | (layer << 1) | protection, (bitrate << 4) | (rate << 2)], rest),
      ),
    fc
      .tuple(fc.integer({ min: 0, max: 40 }), tail)
      .map(([length, rest]) => bytes('ID3', [4, 0, 0, 0, 0, 0, length], new Uint8Array(length), [0xff, 0xfb, 0x90, 0x64], rest)),
    fc
      .tuple(fc.integer({ min: SNIFF_BYTES, max: 1 << 20 }), tail)
      .map(([length, rest]) => bytes('ID3', [4, 0, 0], [(length >> 21) & 0x7f, (length >> 14) & 0x7f, (length >> 7) & 0x7f, length & 0x7f], rest)),
  ),
  // ADTS: 12 sync bits, MPEG-2 or -4, layer 0.
  'audio/aac': fc.tuple(fc.constantFrom(0xf0, 0xf1, 0xf8, 0xf9), tail).map(([flags, rest]) => bytes([0xff, flags], rest)),
};

const OURS = Object.keys(VALID);

/** file-type's answer on the same head, with the one category we merge: an APNG is a PNG. */
async function theirs(head: Uint8Array): Promise<string> {
  const mime = (await fileTypeFromBuffer(head))?.mime ?? UNKNOWN_MEDIA_TYPE;
  return mime === 'image/apng' ? 'image/png' : mime;
}

const head = (sample: Uint8Array) => sample.subarray(0, SNIFF_BYTES);

const anyValid = fc.oneof(...Object.values(VALID));
const PREFIXES = [[0xef, 0xbb, 0xbf], [...bytes('ID3', [4, 0, 0, 0, 0, 0, 2, 0, 0])], PNG_SIGNATURE];
/** Bytes that are not a valid start: a valid one cut short, with one byte changed, behind a prefix (a BOM, an ID3 tag, a PNG signature), or random. */
const anything = fc.oneof(
  fc.tuple(anyValid, fc.nat()).map(([sample, cut]) => sample.subarray(0, cut % (sample.length + 1))),
  fc.tuple(anyValid, fc.nat(), byte).map(([sample, index, value]) => {
    const copy = sample.slice();
    if (copy.length > 0) copy[index % copy.length] = value;
    return copy;
  }),
  fc.tuple(fc.constantFrom(...PREFIXES), anyValid).map(([prefix, sample]) => bytes(prefix, sample)),
  fc.uint8Array({ maxLength: 80 }),
  fc.constantFrom(...fixtures),
);

describe('sniffBytes', () => {
  it('names every media type a contract lets a multipart field upload', () => {
    expect(encodings.length).toBeGreaterThan(0);
    for (const allowed of encodings) for (const type of allowed) expect(OURS).toContain(type);
  });

  it('calls an animated PNG a PNG; a stream whose first chunk is not IHDR is none', () => {
    const ihdr = pngChunk('IHDR', [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
    const apng = bytes(PNG_SIGNATURE, ihdr, pngChunk('acTL', [0, 0, 0, 2, 0, 0, 0, 0]), pngChunk('fcTL', new Uint8Array(26)));
    expect(sniffBytes(apng)).toBe('image/png');
    expect(sniffBytes(bytes(PNG_SIGNATURE, pngChunk('tEXt', [1, 2]), ihdr))).toBe(UNKNOWN_MEDIA_TYPE);
  });

  it('names the fixtures as file-type does', async () => {
    for (const fixture of fixtures) {
      const expected = await theirs(head(fixture));
      expect(sniffBytes(head(fixture))).toBe(OURS.includes(expected) ? expected : UNKNOWN_MEDIA_TYPE);
    }
  });

  it.each(OURS)('names the valid start of %s as file-type does (fast-check, fixed seed)', async (type) => {
    await fc.assert(
      fc.asyncProperty(VALID[type]!, async (sample) => {
        expect(sniffBytes(head(sample))).toBe(type);
        expect(await theirs(head(sample))).toBe(type);
      }),
      { seed: 20261207, numRuns: 150 },
    );
  });

  it('never names one of its types where file-type names another, on any bytes (fast-check, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(anything, async (sample) => {
        const mine = sniffBytes(head(sample));
        const reference = await theirs(head(sample));
        if (mine === UNKNOWN_MEDIA_TYPE || reference === UNKNOWN_MEDIA_TYPE) return;
        // A camera raw file is a TIFF that file-type looks further into.
        if (mine === 'image/tiff' && reference.startsWith('image/x-')) return;
        expect(mine).toBe(reference);
      }),
      { seed: 20261207, numRuns: 3_000 },
    );
  });
});
