import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectMp4 } from './mp4.ts';

const fixtures = resolve(import.meta.dirname, '../../mocks/fixtures');
const sample = new Uint8Array(readFileSync(resolve(fixtures, 'sample.mp4')));
const png = new Uint8Array(readFileSync(resolve(fixtures, 'first-frame.png')));

/** Builds a box with a 32-bit size (or an explicit 64-bit largesize / size 0 form). */
function box(type: string, payload: Uint8Array, form: 'normal' | 'large' | 'zero' = 'normal'): Uint8Array {
  const header = form === 'large' ? 16 : 8;
  const out = new Uint8Array(header + payload.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, form === 'large' ? 1 : form === 'zero' ? 0 : out.length);
  out.set(new TextEncoder().encode(type), 4);
  if (form === 'large') view.setBigUint64(8, BigInt(out.length));
  out.set(payload, header);
  return out;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

/** A version-1 mvhd (64-bit times) with the given timescale and duration. */
function mvhdV1(timescale: number, duration: number): Uint8Array {
  const payload = new Uint8Array(4 + 8 + 8 + 4 + 8 + 80);
  const view = new DataView(payload.buffer);
  view.setUint8(0, 1);
  view.setUint32(20, timescale);
  view.setBigUint64(24, BigInt(duration));
  return box('mvhd', payload);
}

const ftyp = box('ftyp', concat(new TextEncoder().encode('isom'), new Uint8Array(4), new TextEncoder().encode('isomavc1')));

/** Removes the top-level box of the given type, leaving the rest of the file intact. */
function withoutTopLevel(bytes: Uint8Array, type: string): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let offset = 0;
  while (offset < bytes.length) {
    const size = view.getUint32(offset);
    if (new TextDecoder().decode(bytes.subarray(offset + 4, offset + 8)) === type) {
      return concat(bytes.subarray(0, offset), bytes.subarray(offset + size));
    }
    offset += size;
  }
  throw new Error(`fixture has no top-level ${type}`);
}

describe('inspectMp4', () => {
  it('parses the committed fixture: small, fast-start H.264 of 1 to 2 seconds', () => {
    const info = inspectMp4(sample);
    expect(sample.length).toBeLessThan(50 * 1024);
    expect(info.brand).toBe('isom');
    expect(info.videoCodec).toBe('avc1');
    expect(info.durationSeconds).toBeGreaterThanOrEqual(1);
    expect(info.durationSeconds).toBeLessThanOrEqual(2);
    expect(info.width).toBe(160);
    expect(info.height).toBe(90);
    expect(info.boxes[0]).toBe('ftyp');
    // Fast start: the metadata must come before the media so progressive/Range playback works.
    expect(info.boxes.indexOf('moov')).toBeGreaterThan(-1);
    expect(info.boxes.indexOf('moov')).toBeLessThan(info.boxes.indexOf('mdat'));
  });

  it('accepts a Node Buffer that is a view into a larger pool', () => {
    const padded = new Uint8Array(sample.length + 7);
    padded.set(sample, 7);
    expect(inspectMp4(padded.subarray(7)).videoCodec).toBe('avc1');
  });

  it('rejects truncated bytes', () => {
    expect(() => inspectMp4(sample.subarray(0, sample.length - 100))).toThrow(/not a valid MP4: box 'mdat'.*only/);
    expect(() => inspectMp4(sample.subarray(0, 500))).toThrow(/not a valid MP4: box 'moov'/);
    expect(() => inspectMp4(sample.subarray(0, 4))).toThrow(/truncated box header/);
    expect(() => inspectMp4(new Uint8Array())).toThrow(/empty/);
  });

  it('rejects a PNG', () => {
    expect(() => inspectMp4(png)).toThrow(/not a valid MP4: first box must be 'ftyp', found .*starts with '\\x89PNG'/);
  });

  it('rejects bytes with the moov box removed', () => {
    expect(() => inspectMp4(withoutTopLevel(sample, 'moov'))).toThrow(/not a valid MP4: no 'moov' box/);
  });

  it('rejects bytes with the mdat box removed', () => {
    expect(() => inspectMp4(withoutTopLevel(sample, 'mdat'))).toThrow(/no 'mdat' box/);
  });

  it('rejects a box whose size is smaller than its header', () => {
    const bad = concat(ftyp, new Uint8Array([0, 0, 0, 4, 0x6d, 0x6f, 0x6f, 0x76]));
    expect(() => inspectMp4(bad)).toThrow(/smaller than its own header/);
  });

  it('reads a version-1 mvhd, a 64-bit largesize box and a size-0 final box', () => {
    const moov = box('moov', mvhdV1(90_000, 135_000));
    const large = inspectMp4(concat(ftyp, moov, box('mdat', new Uint8Array(10), 'large')));
    expect(large).toEqual({ brand: 'isom', durationSeconds: 1.5, videoCodec: undefined, boxes: ['ftyp', 'moov', 'mdat'] });

    const toEnd = inspectMp4(concat(ftyp, moov, box('mdat', new Uint8Array(10), 'zero')));
    expect(toEnd.boxes).toEqual(['ftyp', 'moov', 'mdat']);

    const overrun = concat(ftyp, moov, box('mdat', new Uint8Array(10), 'large').subarray(0, 20));
    expect(() => inspectMp4(overrun)).toThrow(/box 'mdat'.*declares 26 bytes but only 20 remain/);
  });
});
