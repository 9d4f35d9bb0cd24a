// Writes the small PNG fixtures in mocks/fixtures/ (the conformance suite uploads them as
// first/last frames; the simulator serves one as a last frame). Run: npx tsx scripts/make-png-fixtures.ts
// A plain encoder (8-bit RGB, no interlace) keeps the files tiny, deterministic and dependency-free.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32BE(crc32(typed) >>> 0);
  return Buffer.concat([length, typed, checksum]);
}

/** A width×height gradient from `from` to `to` (RGB), left to right. */
function gradientPng(width: number, height: number, from: [number, number, number], to: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // bit depth 8, colour type RGB, deflate, adaptive filter, no interlace
  const rows: number[] = [];
  for (let y = 0; y < height; y++) {
    rows.push(0); // filter: none
    for (let x = 0; x < width; x++) {
      const t = width === 1 ? 0 : x / (width - 1);
      for (let c = 0; c < 3; c++) rows.push(Math.round(from[c]! + (to[c]! - from[c]!) * t));
    }
  }
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(Buffer.from(rows))), chunk('IEND', Buffer.alloc(0))]);
}

const fixtures = resolve(import.meta.dirname, '../mocks/fixtures');
writeFileSync(resolve(fixtures, 'first-frame.png'), gradientPng(64, 36, [250, 180, 60], [220, 60, 90]));
writeFileSync(resolve(fixtures, 'last-frame.png'), gradientPng(64, 36, [40, 90, 200], [30, 200, 160]));
console.log('wrote mocks/fixtures/first-frame.png and last-frame.png');
