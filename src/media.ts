// Media inputs, converted to what each dialect takes: a URL string (http(s), asset://, data:)
// or a file. Bytes become data URIs for URL dialects; data URIs and bytes become Blobs for file
// dialects. A remote URL is never downloaded behind the caller's back. Web-standard APIs only
// (Uint8Array, btoa/atob, TextEncoder, Blob/File), so the same code runs in browsers and edge runtimes.
import type { MediaSource } from './request.ts';
import { SNIFF_BYTES, sniffBytes, UNKNOWN_MEDIA_TYPE } from './sniff.ts';

type Bytes = Exclude<MediaSource, string>;

async function toUint8Array(source: Bytes): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  return new Uint8Array(await source.arrayBuffer());
}

/** Bytes per String.fromCharCode call: far below every engine's limit on arguments, so no input size can overflow the stack. */
const CHUNK = 0x8000;

/** Base64 of any number of bytes, through btoa on a byte string built a chunk at a time. */
function base64Of(bytes: Uint8Array): string {
  let binary = '';
  for (let start = 0; start < bytes.length; start += CHUNK) binary += String.fromCharCode(...bytes.subarray(start, start + CHUNK));
  return btoa(binary);
}

/** The bytes of a base64 text (ASCII whitespace allowed, as atob allows it); undefined when it is not base64. */
function bytesOfBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  let binary: string;
  try {
    binary = atob(text);
  } catch {
    return undefined;
  }
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

const HEX = /^[0-9A-Fa-f]{2}$/;

/** A data URI's percent-encoded payload as bytes: UTF-8 text with each %XX taken as the byte it names (the URL standard's percent-decode). */
function percentDecoded(text: string): Uint8Array<ArrayBuffer> {
  const encoded = new TextEncoder().encode(text);
  const bytes = new Uint8Array(encoded.length);
  let length = 0;
  for (let index = 0; index < encoded.length; index++) {
    const pair = String.fromCharCode(encoded[index + 1] ?? 0, encoded[index + 2] ?? 0);
    if (encoded[index] === 0x25 && HEX.test(pair)) {
      bytes[length++] = Number.parseInt(pair, 16);
      index += 2;
    } else bytes[length++] = encoded[index]!;
  }
  return bytes.subarray(0, length);
}

/** The type a Blob declares, else the one its bytes sniff as. */
function typeOf(source: Bytes, bytes: Uint8Array): string {
  return source instanceof Blob && source.type ? source.type : sniffBytes(bytes);
}

/** For dialects that take URLs: strings pass through; bytes become a base64 data URI. */
export async function toUrl(source: MediaSource): Promise<string> {
  if (typeof source === 'string') return source;
  const bytes = await toUint8Array(source);
  return `data:${typeOf(source, bytes)};base64,${base64Of(bytes)}`;
}

const DATA_URI = /^data:([^;,]+)?((?:;[^;,]*)*?)(;base64)?,(.*)$/is;

/** What toFile makes of a source: a file, nothing (a URL or asset id, which are not uploaded), or a data URI whose payload does not decode. */
export type FileResult = { file: File } | { file: undefined; problem?: 'invalid-base64' };

/**
 * For dialects that take files: bytes and data URIs become a named Blob. A remote URL or an
 * asset id cannot be uploaded without downloading it, so it yields no file and the caller
 * refuses the request; so does a data URI whose base64 does not decode.
 */
export async function toFile(source: MediaSource, name: string): Promise<FileResult> {
  if (typeof source === 'string') {
    const match = DATA_URI.exec(source);
    if (!match) return { file: undefined };
    const [, type = UNKNOWN_MEDIA_TYPE, , base64, payload = ''] = match;
    const bytes = base64 ? bytesOfBase64(payload) : percentDecoded(payload);
    if (!bytes) return { file: undefined, problem: 'invalid-base64' };
    return { file: new File([bytes], withExtension(name, type), { type }) };
  }
  if (source instanceof File) return { file: source };
  if (source instanceof Blob) {
    // Only the head is read, and only when the Blob declares no type.
    const type = source.type || sniffBytes(new Uint8Array(await source.slice(0, SNIFF_BYTES).arrayBuffer()));
    return { file: new File([source], withExtension(name, type), { type }) };
  }
  const bytes = source instanceof Uint8Array ? source : new Uint8Array(source);
  const type = sniffBytes(bytes);
  // Copied: a File may not hold a view of a shared buffer.
  return { file: new File([new Uint8Array(bytes)], withExtension(name, type), { type }) };
}

const EXTENSIONS: Record<string, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/webp': 'webp', 'image/gif': 'gif' };

function withExtension(name: string, type: string): string {
  const extension = Object.hasOwn(EXTENSIONS, type) ? EXTENSIONS[type] : undefined;
  return extension ? `${name}.${extension}` : name;
}
