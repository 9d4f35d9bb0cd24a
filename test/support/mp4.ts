// A small, dependency-free ISO BMFF (MP4) inspector for tests that download the simulator's video.
// It is deliberately not a full parser: it checks that the bytes are a well-formed container (every
// box fits inside its parent, ftyp first, moov and mdat present) and pulls out the few facts a test
// wants to assert on (brand, duration, video codec, size), so a broken or substituted payload fails
// loudly instead of being accepted because the HTTP status and Content-Type looked right.

export interface Mp4Info {
  /** The ftyp major brand, e.g. `isom`. */
  brand: string;
  /** Movie duration from moov/mvhd, in seconds. */
  durationSeconds: number;
  /** The first video track's sample entry type (e.g. `avc1`), or undefined when there is no video track. */
  videoCodec: string | undefined;
  width?: number;
  height?: number;
  /** Top-level box types in file order, e.g. `['ftyp', 'moov', 'free', 'mdat']`. */
  boxes: string[];
}

interface Box {
  type: string;
  /** Offset of the box header. */
  start: number;
  /** Offset of the payload, after the (possibly 16-byte) header. */
  body: number;
  /** Offset just past the box. */
  end: number;
}

/** Thrown for anything that is not a valid MP4; the message says where the structure broke. */
function invalid(message: string): never {
  throw new Error(`not a valid MP4: ${message}`);
}

/** Four-character codes are meant to be printable ASCII; escape anything else so errors stay readable. */
function fourcc(bytes: Uint8Array, offset: number): string {
  let out = '';
  for (let i = offset; i < offset + 4; i++) {
    const byte = bytes[i] ?? 0;
    out += byte >= 0x20 && byte < 0x7f ? String.fromCharCode(byte) : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return out;
}

/**
 * Reads the box header at `offset` without checking that the payload fits, so the caller can first
 * decide whether the type itself is acceptable (a PNG should be reported as "not ftyp", not as an
 * absurd size).
 */
function readHeader(bytes: Uint8Array, view: DataView, offset: number, limit: number, where: string): Box {
  if (limit - offset < 8) invalid(`truncated box header at offset ${offset} in ${where} (${limit - offset} bytes left, need 8)`);
  const size32 = view.getUint32(offset);
  const type = fourcc(bytes, offset + 4);
  let body = offset + 8;
  let end: number;
  if (size32 === 1) {
    // 64-bit "largesize" follows the type; used for mdat boxes over 4 GiB.
    if (limit - offset < 16) invalid(`truncated 64-bit box header for '${type}' at offset ${offset} in ${where}`);
    const large = view.getBigUint64(offset + 8);
    body = offset + 16;
    // Compare as bigint: a corrupt largesize can exceed Number's exact range.
    if (large > BigInt(limit - offset)) invalid(`box '${type}' at offset ${offset} in ${where} declares ${large} bytes but only ${limit - offset} remain`);
    end = offset + Number(large);
  } else if (size32 === 0) {
    // Size 0 means "extends to the end of the enclosing space" (normally the last top-level box).
    end = limit;
  } else {
    end = offset + size32;
  }
  if (end - offset < body - offset) invalid(`box '${type}' at offset ${offset} in ${where} has size ${end - offset}, smaller than its own header`);
  return { type, start: offset, body, end };
}

function checkFits(box: Box, limit: number, where: string): void {
  if (box.end > limit)
    invalid(
      `box '${box.type}' at offset ${box.start} in ${where} declares ${box.end - box.start} bytes but only ${limit - box.start} remain (truncated or corrupt)`,
    );
}

/** All child boxes in [start, end); every one must fit exactly, or the container is corrupt. */
function children(bytes: Uint8Array, view: DataView, start: number, end: number, where: string): Box[] {
  const boxes: Box[] = [];
  let offset = start;
  while (offset < end) {
    const box = readHeader(bytes, view, offset, end, where);
    checkFits(box, end, where);
    boxes.push(box);
    offset = box.end;
  }
  return boxes;
}

function child(bytes: Uint8Array, view: DataView, parent: Box, type: string, where: string): Box | undefined {
  return children(bytes, view, parent.body, parent.end, where).find((box) => box.type === type);
}

/** Ensures a box's payload holds at least `length` bytes before fixed-offset fields are read from it. */
function need(box: Box, length: number, where: string): void {
  if (box.end - box.body < length) invalid(`'${where}' is ${box.end - box.body} bytes, too short for its fields (need ${length})`);
}

/** Reads mvhd (a FullBox): version 1 widens the time fields to 64 bits, so the offsets differ. */
function movieDuration(view: DataView, mvhd: Box): number {
  need(mvhd, 4, 'moov/mvhd');
  const version = view.getUint8(mvhd.body);
  let timescale: number;
  let duration: number;
  if (version === 1) {
    need(mvhd, 4 + 8 + 8 + 4 + 8, 'moov/mvhd');
    timescale = view.getUint32(mvhd.body + 20);
    duration = Number(view.getBigUint64(mvhd.body + 24));
  } else if (version === 0) {
    need(mvhd, 4 + 4 + 4 + 4 + 4, 'moov/mvhd');
    timescale = view.getUint32(mvhd.body + 12);
    duration = view.getUint32(mvhd.body + 16);
  } else {
    return invalid(`unsupported moov/mvhd version ${version}`);
  }
  if (timescale === 0) invalid('moov/mvhd timescale is 0, so the duration is undefined');
  return duration / timescale;
}

interface VideoTrack {
  codec: string;
  width?: number;
  height?: number;
}

/**
 * Finds the first track whose handler is `vide` and reads its sample entry. The handler, not the
 * codec name, says which track is video, so an audio track listed first (mp4a) is never mistaken for it.
 */
function videoTrack(bytes: Uint8Array, view: DataView, moov: Box): VideoTrack | undefined {
  for (const trak of children(bytes, view, moov.body, moov.end, 'moov')) {
    if (trak.type !== 'trak') continue;
    const mdia = child(bytes, view, trak, 'mdia', 'moov/trak');
    if (!mdia) continue;
    const hdlr = child(bytes, view, mdia, 'hdlr', 'moov/trak/mdia');
    if (!hdlr) continue;
    // hdlr: version/flags (4), pre_defined (4), handler_type (4).
    need(hdlr, 12, 'moov/trak/mdia/hdlr');
    if (fourcc(bytes, hdlr.body + 8) !== 'vide') continue;

    const minf = child(bytes, view, mdia, 'minf', 'moov/trak/mdia');
    const stbl = minf && child(bytes, view, minf, 'stbl', 'moov/trak/mdia/minf');
    const stsd = stbl && child(bytes, view, stbl, 'stsd', 'moov/trak/mdia/minf/stbl');
    if (!stsd) invalid('video track has no moov/trak/mdia/minf/stbl/stsd');
    // stsd: version/flags (4), entry_count (4), then the sample entries, which are boxes themselves.
    need(stsd, 8, 'stsd');
    const entries = children(bytes, view, stsd.body + 8, stsd.end, 'moov/trak/mdia/minf/stbl/stsd');
    const entry = entries[0];
    if (!entry) invalid('video track stsd has no sample entry');

    const track: VideoTrack = { codec: entry.type };
    // VisualSampleEntry: reserved (6), data_reference_index (2), pre_defined/reserved (16), then
    // width and height as 16-bit integers: the coded size.
    if (entry.end - entry.body >= 28) {
      track.width = view.getUint16(entry.body + 24);
      track.height = view.getUint16(entry.body + 26);
    }
    // tkhd carries the presentation size (16.16 fixed point), which is what a player shows; prefer it
    // when set, since the coded size can differ (e.g. anamorphic or cropped video).
    const tkhd = child(bytes, view, trak, 'tkhd', 'moov/trak');
    if (tkhd && tkhd.end - tkhd.body >= 4) {
      const version = view.getUint8(tkhd.body);
      // Fields before width: v0 = 24 bytes of ids/times, v1 = 36; then reserved, layer, group,
      // volume, reserved and the 36-byte matrix (52 bytes).
      const at = tkhd.body + (version === 1 ? 36 : 24) + 52;
      if (at + 8 <= tkhd.end) {
        const width = view.getUint32(at) / 65536;
        const height = view.getUint32(at + 4) / 65536;
        if (width > 0 && height > 0) {
          track.width = width;
          track.height = height;
        }
      }
    }
    return track;
  }
  return undefined;
}

/**
 * Checks that `bytes` are an MP4 (ISO BMFF) file and reports its brand, duration, video codec and size.
 * Throws an Error whose message starts with "not a valid MP4" when the structure is broken.
 */
export function inspectMp4(bytes: Uint8Array): Mp4Info {
  // Respect byteOffset: a Node Buffer is often a view into a larger shared pool.
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const limit = bytes.byteLength;
  if (limit === 0) invalid('empty input');

  const top: Box[] = [];
  let offset = 0;
  while (offset < limit) {
    const box = readHeader(bytes, view, offset, limit, 'file');
    // Check the type of the first box before its size, so e.g. a PNG or HTML error page is reported
    // as what it is rather than as a nonsensical box size.
    // The leading bytes are quoted too, because another format's magic number (e.g. '\x89PNG') sits
    // where an MP4 has its box size, and that is what a reader recognises.
    if (top.length === 0 && box.type !== 'ftyp') invalid(`first box must be 'ftyp', found '${box.type}' (file starts with '${fourcc(bytes, 0)}')`);
    checkFits(box, limit, 'file');
    top.push(box);
    offset = box.end;
  }

  const ftyp = top[0];
  if (!ftyp) return invalid('no boxes');
  // ftyp: major_brand (4), minor_version (4), compatible_brands...
  need(ftyp, 8, 'ftyp');
  const brand = fourcc(bytes, ftyp.body);

  const moov = top.find((box) => box.type === 'moov');
  if (!moov) invalid("no 'moov' box (movie metadata is missing)");
  if (!top.some((box) => box.type === 'mdat')) invalid("no 'mdat' box (media data is missing)");

  const mvhd = child(bytes, view, moov, 'mvhd', 'moov');
  if (!mvhd) invalid("no 'moov/mvhd' box");
  const durationSeconds = movieDuration(view, mvhd);

  const video = videoTrack(bytes, view, moov);
  return {
    brand,
    durationSeconds,
    videoCodec: video?.codec,
    ...(video?.width !== undefined ? { width: video.width } : {}),
    ...(video?.height !== undefined ? { height: video.height } : {}),
    boxes: top.map((box) => box.type),
  };
}
