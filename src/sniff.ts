// Names a file's media type from its leading bytes, never from its name or declared type, for the
// media the documents name: images in jpeg, png, webp, bmp, tiff, gif, heic or heif (openapi/ark.yaml,
// the image URL), video in mp4 or mov (the reference video; the download operations answer
// video/mp4), audio in wav or mp3 (the reference audio), and AAC, which an MPEG audio stream may be.
// Anything else is `application/octet-stream`: a refusal names what the bytes are not, so nothing
// more is needed. An animated PNG is a PNG: its signature and first chunk are a PNG's.
// Each test reads the format's own signature (cited by each entry). file-type@21 is the oracle of
// test/facade/sniff.test.ts: on the formats' valid starts we name what it names, and on any bytes
// we never name one of these types where it names another.
// The client (src/media.ts, src/file-parts.ts), the simulator and the CLI all sniff with this module.

/** Leading bytes a file is judged by: enough for every signature below. */
export const SNIFF_BYTES = 64;

/** What an unrecognised file is called. */
export const UNKNOWN_MEDIA_TYPE = 'application/octet-stream';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Whether `bytes` hold `signature` (latin1 text or byte values) at `offset`. */
function has(bytes: Uint8Array, signature: string | readonly number[], offset = 0): boolean {
  for (let index = 0; index < signature.length; index++) {
    const expected = typeof signature === 'string' ? signature.charCodeAt(index) : signature[index];
    if (bytes[offset + index] !== expected) return false;
  }
  return true;
}

const text = (bytes: Uint8Array, offset: number, length: number) => String.fromCharCode(...bytes.subarray(offset, offset + length));

/**
 * The media type of a file whose leading bytes are `head` (SNIFF_BYTES of them, or the whole file
 * when it is shorter). Where two signatures could both match, they are tried in file-type's order.
 */
export function sniffBytes(head: Uint8Array): string {
  return detect(head) ?? UNKNOWN_MEDIA_TYPE;
}

function detect(b: Uint8Array): string | undefined {
  // BITMAPFILEHEADER's type "BM".
  if (has(b, 'BM')) return 'image/bmp';
  // GIF87a / GIF89a (https://www.w3.org/Graphics/GIF/spec-gif89a.txt, section 17).
  if (has(b, 'GIF87a') || has(b, 'GIF89a')) return 'image/gif';
  if (has(b, 'ID3')) return afterId3(b);
  // SOI then a marker (ITU T.81 B.1.1.2); FF D8 FF F7 starts JPEG-LS (ITU T.87), another format.
  if (has(b, [0xff, 0xd8, 0xff]) && b.length > 3) return b[3] === 0xf7 ? undefined : 'image/jpeg';
  // Byte order "II" or "MM", then 42 (TIFF 6.0 section 2) or 43 (BigTIFF).
  if (
    [
      [0x49, 0x49, 0x2a, 0],
      [0x4d, 0x4d, 0, 0x2a],
      [0x49, 0x49, 0x2b, 0],
      [0x4d, 0x4d, 0, 0x2b],
    ].some((order) => has(b, order))
  )
    return 'image/tiff';
  // QuickTime files that open with a movie, media data, free or wide atom instead of ftyp (QTFF, "Atoms").
  if (['moov', 'mdat', 'free', 'wide'].some((atom) => has(b, atom, 4))) return 'video/quicktime';
  // The signature, then IHDR, which must come first with 13 bytes of data (https://www.w3.org/TR/png-3/#5PNG-file-signature, #11IHDR).
  if (has(b, PNG_SIGNATURE)) return has(b, [0, 0, 0, 13], 8) && has(b, 'IHDR', 12) ? 'image/png' : undefined;
  if (has(b, 'ftyp', 4) && ((b[8] ?? 0) & 0x60) !== 0) return isoMediaType(b);
  // RIFF with form type WEBP (RFC 9649 section 2.5) or WAVE (the RIFF WAVE format).
  if (has(b, 'RIFF')) return has(b, 'WEBP', 8) ? 'image/webp' : has(b, 'WAVE', 8) ? 'audio/wav' : undefined;
  return frameType(b, 0);
}

/**
 * An ISO base media file (ISO/IEC 14496-12 4.3): an ftyp box first, whose major brand names the
 * format. QuickTime's brand is `qt  `, HEIF's `mif1` and HEIC's `heic`/`heix` (ISO/IEC 23008-12);
 * the brands of formats the documents do not name (AVIF, audio-only M4A/M4B, 3GPP, camera raw, image
 * sequences) are none of ours; any other brand is an MP4.
 */
function isoMediaType(b: Uint8Array): string | undefined {
  // Read as file-type reads it: latin1, missing bytes as NULs, the first NUL as a space, trimmed.
  const brand = text(b, 8, 4).padEnd(4, '\0').replace('\0', ' ').trim();
  if (Object.hasOwn(BRANDS, brand)) return BRANDS[brand];
  return /^(avi[fs]|msf1|hev[cx]|M4[ABV]|F4[AB]|crx|3g)/.test(brand) ? undefined : 'video/mp4';
}

const BRANDS: Record<string, string> = { qt: 'video/quicktime', mif1: 'image/heif', heic: 'image/heic', heix: 'image/heic' };

/**
 * MPEG audio: an ID3v2 tag (https://id3.org/id3v2.4.0-structure; its size a syncsafe integer,
 * combined as file-type combines it) and a frame after it, or a frame header at once. A tag that
 * runs past the head is taken as MP3, as the file it starts is one.
 */
function afterId3(b: Uint8Array): string | undefined {
  if (b.length < 10) return undefined;
  const size = (b[9]! & 0x7f) | (b[8]! << 7) | (b[7]! << 14) | (b[6]! << 21);
  return 10 + size > b.length ? 'audio/mpeg' : frameType(b, 10 + size);
}

/**
 * A frame header: 11 sync bits, then the version, the layer and, in the next byte, the bitrate and
 * sample rate (ISO/IEC 11172-3 2.4.2.3), none of them a reserved or free value; layer 0 is an ADTS
 * header, which carries AAC (ISO/IEC 13818-7 6.2).
 */
function frameType(b: Uint8Array, at: number): string | undefined {
  const [sync = 0, flags = 0, rates = 0] = b.subarray(at, at + 3);
  if (sync !== 0xff || (flags & 0xe0) !== 0xe0) return undefined;
  if ((flags & 0xf6) === 0xf0) return 'audio/aac';
  const version = (flags >> 3) & 3;
  const layer = (flags >> 1) & 3;
  const bitrate = rates >> 4;
  const sampleRate = (rates >> 2) & 3;
  return version !== 1 && layer !== 0 && bitrate !== 0 && bitrate !== 15 && sampleRate !== 3 ? 'audio/mpeg' : undefined;
}
