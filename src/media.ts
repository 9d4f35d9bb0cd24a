// Media inputs, converted to what each dialect takes: a URL string (http(s), asset://, data:)
// or a file. Bytes become data URIs for URL dialects; data URIs and bytes become Blobs for file
// dialects. A remote URL is never downloaded behind the caller's back.
import type { MediaSource } from './request.ts';

const SIGNATURES: Array<[string, (bytes: Uint8Array) => boolean]> = [
  ['image/png', (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47],
  ['image/jpeg', (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff],
  ['image/gif', (b) => ascii(b, 0, 4) === 'GIF8'],
  ['image/webp', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP'],
  ['audio/wav', (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WAVE'],
  ['video/mp4', (b) => ascii(b, 4, 8) === 'ftyp'],
  ['audio/mpeg', (b) => ascii(b, 0, 3) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0)],
];

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The media type of some bytes, from their first bytes; `fallback` when unrecognised. */
function sniffMediaType(bytes: Uint8Array, fallback = 'application/octet-stream'): string {
  return SIGNATURES.find(([, matches]) => matches(bytes))?.[0] ?? fallback;
}

type Bytes = Exclude<MediaSource, string>;

async function toUint8Array(source: Bytes): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(await source.arrayBuffer());
}

/** For dialects that take URLs: strings pass through; bytes become a base64 data URI. */
export async function toUrl(source: MediaSource): Promise<string> {
  if (typeof source === 'string') return source;
  const bytes = await toUint8Array(source);
  const type = source instanceof Blob && source.type ? source.type : sniffMediaType(bytes);
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}

const DATA_URI = /^data:([^;,]+)(;base64)?,(.*)$/s;

/**
 * For dialects that take files: bytes and data URIs become a named Blob. A remote URL or an
 * asset id cannot be uploaded without downloading it, so it yields undefined and the caller
 * refuses the request.
 */
export async function toFile(source: MediaSource, name: string): Promise<File | undefined> {
  if (typeof source === 'string') {
    const match = DATA_URI.exec(source);
    if (!match) return undefined;
    const [, type = 'application/octet-stream', base64, payload = ''] = match;
    const bytes = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload));
    return new File([new Uint8Array(bytes)], withExtension(name, type), { type });
  }
  if (source instanceof File) return source;
  const bytes = await toUint8Array(source);
  const type = source instanceof Blob && source.type ? source.type : sniffMediaType(bytes);
  return new File([new Uint8Array(bytes)], withExtension(name, type), { type });
}

function withExtension(name: string, type: string): string {
  const extension = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' }[type];
  return extension ? `${name}.${extension}` : name;
}
