// Names a file's media type from its leading bytes, never from its name or declared type. It
// decides like file-type@21 (https://github.com/sindresorhus/file-type, core.js) for every type a
// contract's multipart `encoding` can allow (PNG, JPEG, WebP, with their edge cases: an APNG's acTL
// before IDAT, JPEG-LS, truncated headers, a UTF-8 BOM or ID3 tag in front) and names a few common
// other types for the refusal message. file-type stays a dev dependency: the oracle of
// test/facade/sniff.test.ts, which checks the two agree. Its browser build cost ~20 KiB gzipped in
// the client bundle; this costs about 1.2 KiB.

/** Leading bytes a file is judged by: file-type's `reasonableDetectionSizeInBytes`. */
export const SNIFF_BYTES = 4_100;

/** What an unrecognised file is called. */
export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

/** file-type gives up after this many nested prefixes (BOMs, ID3 tags): its `maximumDetectionReentryCount`. */
const MAXIMUM_REENTRY = 256;

/** The bytes of a file from one position on, read as file-type reads its zero-filled sample buffer. */
interface View {
  bytes: Uint8Array;
  start: number;
}

/** The byte at `offset` from the view's start; 0 past the end (file-type's sample buffer is zero-filled). */
const at = (view: View, offset: number): number => view.bytes[view.start + offset] ?? 0;

/** Whether the bytes at `offset` are `signature` (a latin1 string or byte values). */
function has(view: View, signature: string | number[], offset = 0): boolean {
  const expected = typeof signature === 'string' ? [...signature].map((char) => char.charCodeAt(0)) : signature;
  return expected.every((byte, index) => at(view, offset + index) === byte);
}

const text = (view: View, offset: number, length: number): string =>
  String.fromCharCode(...view.bytes.subarray(view.start + offset, view.start + offset + length));

/** The media type of a file whose leading bytes (up to SNIFF_BYTES) are `head`. */
export function sniffBytes(head: Uint8Array): string {
  // file-type's fromBuffer answers nothing for fewer than two bytes.
  return (head.length > 1 && detect({ bytes: head, start: 0 }, 0)) || UNKNOWN_MEDIA_TYPE;
}

// The table: each entry in file-type's order of detection (the order decides when two signatures
// overlap), answering a media type, or undefined to let the next entry try.
type Detector = (view: View, depth: number) => string | undefined;

const DETECTORS: Detector[] = [
  // BMP: "BM" (file-type's first 2-byte signature).
  (view) => (has(view, 'BM') ? 'image/bmp' : undefined),
  // UTF-8 byte order mark: file-type skips it and detects what follows (confident detectors only).
  (view, depth) => (has(view, [0xef, 0xbb, 0xbf]) ? afterPrefix(view, 3, depth) || UNDECIDED : undefined),
  // GIF87a / GIF89a (https://www.w3.org/Graphics/GIF/spec-gif89a.txt); file-type checks "GIF".
  (view) => (has(view, 'GIF') ? 'image/gif' : undefined),
  // gzip member header: ID1 ID2 CM=8 (RFC 1952 section 2.3.1).
  (view) => (has(view, [0x1f, 0x8b, 0x08]) ? 'application/gzip' : undefined),
  // ID3v2 tag (https://id3.org/id3v2.4.0-structure): file-type skips it and detects what follows.
  (view, depth) => (has(view, 'ID3') ? afterId3(view, depth) : undefined),
  // JPEG SOI + a marker's FF (ITU T.81 B.1.1.2); FF D8 FF F7 starts a JPEG-LS file (ITU T.87).
  (view) => (has(view, [0xff, 0xd8, 0xff]) ? (at(view, 3) === 0xf7 ? 'image/jls' : 'image/jpeg') : undefined),
  // ZIP: "PK" then 03 04 (local file header), 05 06 (end of central directory) or 07 08 (spanned
  // archive) (APPNOTE.TXT 4.3.7, 4.3.16, 8.5.3), and the other pairs file-type also accepts; it may
  // name a zip-based format (docx, epub, ...) instead.
  (view) => (has(view, 'PK') && [3, 5, 7].includes(at(view, 2)) && [4, 6, 8].includes(at(view, 3)) ? 'application/zip' : undefined),
  // PDF header "%PDF" (ISO 32000-1 7.5.2).
  (view) => (has(view, '%PDF') ? 'application/pdf' : undefined),
  // TIFF header: byte order "II"/"MM", then 42 (TIFF 6.0 section 2) or 43 (BigTIFF); file-type may
  // name a camera raw format built on TIFF instead.
  (view) => (isTiff(view) ? 'image/tiff' : undefined),
  // EBML (RFC 8794) whose DocType is "webm" (https://www.webmproject.org/docs/container/): the
  // bytes "webm" anywhere in the head, so every file file-type calls WebM is named so.
  (view) => (has(view, [0x1a, 0x45, 0xdf, 0xa3]) && text(view, 4, SNIFF_BYTES).includes('webm') ? 'video/webm' : undefined),
  // PNG signature (https://www.w3.org/TR/png-3/#5PNG-file-signature), then its chunks.
  (view) => (has(view, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ? pngOrApng(view) || UNDECIDED : undefined),
  // QuickTime movies that start with a free, mdat, moov or wide atom (file-type's `mov` variants).
  (view) => (['free', 'mdat', 'moov', 'wide'].some((atom) => has(view, atom, 4)) ? 'video/quicktime' : undefined),
  // ISO base media file (ISO/IEC 14496-12 4.3): an ftyp box whose major brand names the format.
  (view) => (has(view, 'ftyp', 4) && (at(view, 8) & 0x60) !== 0 ? isoBrandType(view) : undefined),
  // RIFF (https://learn.microsoft.com/windows/win32/xaudio2/resource-interchange-file-format--riff-)
  // with form type WEBP (RFC 9649 section 2.5), AVI or WAVE.
  (view) => (has(view, 'RIFF') ? riffFormType(view) : undefined),
  // MPEG audio frame sync (file-type's imprecise `scanMpeg` at offset 0): ADTS AAC, else layer 1-3.
  (view) => (has(view, [0xff]) && (at(view, 1) & 0xe0) === 0xe0 ? mpegAudio(at(view, 1)) : undefined),
];

/** A detector's answer that ends the search with no name (file-type returns undefined there). */
const UNDECIDED = '';

function detect(view: View, depth: number): string | undefined {
  for (const detector of DETECTORS) {
    const type = detector(view, depth);
    if (type !== undefined) return type;
  }
  return undefined;
}

/** Detection resumed `skip` bytes on, as file-type re-enters after a prefix (at most MAXIMUM_REENTRY deep). */
function afterPrefix(view: View, skip: number, depth: number): string | undefined {
  if (depth >= MAXIMUM_REENTRY) return undefined;
  return detect({ bytes: view.bytes, start: view.start + skip }, depth + 1);
}

/**
 * An ID3v2 tag: 6 bytes, then its size as a 28-bit syncsafe integer (combined as file-type's
 * uint32SyncSafeToken does), then the tag. A tag running past the bytes is MP3 (file-type's
 * answer); otherwise what follows the tag is detected, and we call a tag before nothing known MP3.
 */
function afterId3(view: View, depth: number): string {
  const size = view.bytes.length;
  const sizeAt = Math.min(view.start + 6, size);
  if (sizeAt + 4 > size) return UNDECIDED;
  const b = view.bytes;
  const tagLength = (b[sizeAt + 3]! & 0x7f) | (b[sizeAt + 2]! << 7) | (b[sizeAt + 1]! << 14) | (b[sizeAt]! << 21);
  const tagEnd = sizeAt + 4 + tagLength;
  if (tagEnd > size) return 'audio/mpeg';
  if (depth >= MAXIMUM_REENTRY) return UNDECIDED;
  return detect({ bytes: b, start: tagEnd }, depth + 1) || 'audio/mpeg';
}

/**
 * PNG or APNG, walking the chunks as file-type does: an acTL chunk before the first IDAT makes an
 * APNG (https://www.w3.org/TR/png-3/#apng-structure); an IHDR must be 13 bytes long and no other
 * chunk but CgBI may come before it; a negative length refuses the file; a chunk running past the
 * bytes read, or running out of bytes, leaves it a PNG. Too few bytes for a first chunk header: nothing.
 */
function pngOrApng(view: View): string | undefined {
  const b = view.bytes;
  const size = b.length;
  let position = view.start + 8;
  let seenHeader = false;
  do {
    if (position + 8 > size) return undefined;
    const length = ((b[position]! << 24) | (b[position + 1]! << 16) | (b[position + 2]! << 8) | b[position + 3]!) >> 0;
    const type = text({ bytes: b, start: position }, 4, 4);
    if (length < 0) return undefined;
    if (type === 'IHDR') {
      if (length !== 13) return undefined;
      seenHeader = true;
    }
    if (type === 'IDAT') return 'image/png';
    if (type === 'acTL') return 'image/apng';
    if (!seenHeader && type !== 'CgBI') return undefined;
    if (length + 4 > size) return 'image/png';
    position = Math.min(position + 8 + length + 4, size);
  } while (position + 8 < size);
  // (file-type also stops after 512 chunks; SNIFF_BYTES holds at most 341.)
  return 'image/png';
}

function riffFormType(view: View): string | undefined {
  if (has(view, 'WEBP', 8)) return 'image/webp';
  if (has(view, 'AVI', 8)) return 'video/vnd.avi';
  return has(view, 'WAVE', 8) ? 'audio/wav' : undefined;
}

function isTiff(view: View): boolean {
  const little = has(view, 'II') && at(view, 3) === 0;
  const big = has(view, 'MM') && at(view, 2) === 0;
  const version = little ? at(view, 2) : big ? at(view, 3) : 0;
  return version === 42 || version === 43;
}

/** file-type's answers for an ftyp box's major brand; any other brand is MP4 (3GPP's start "3g"). */
const ISO_BRANDS: Record<string, string> = {
  avif: 'image/avif',
  avis: 'image/avif',
  mif1: 'image/heif',
  msf1: 'image/heif-sequence',
  heic: 'image/heic',
  heix: 'image/heic',
  hevc: 'image/heic-sequence',
  hevx: 'image/heic-sequence',
  qt: 'video/quicktime',
  M4V: 'video/x-m4v',
  M4VH: 'video/x-m4v',
  M4VP: 'video/x-m4v',
  M4B: 'audio/mp4',
  M4A: 'audio/x-m4a',
  F4A: 'audio/mp4',
  F4B: 'audio/mp4',
  crx: 'image/x-canon-cr3',
};

function isoBrandType(view: View): string {
  // As file-type reads it: latin1, the first NUL as a space, then trimmed.
  const brand = text(view, 8, 4).padEnd(4, '\0').replace('\0', ' ').trim();
  if (Object.hasOwn(ISO_BRANDS, brand)) return ISO_BRANDS[brand]!;
  if (brand.startsWith('3g2')) return 'video/3gpp2';
  if (brand.startsWith('3g')) return 'video/3gpp';
  return 'video/mp4';
}

/** The second byte of an MPEG audio frame header: ADTS (layer bits 00) is AAC, layers 1-3 are MPEG audio. */
function mpegAudio(second: number): string | undefined {
  if ((second & 0x16) === 0x10) return 'audio/aac';
  return (second & 0x06) !== 0 ? 'audio/mpeg' : undefined;
}
