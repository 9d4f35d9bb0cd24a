// Multipart file parts are judged by their bytes (src/sniff.ts, through src/contracts/index.ts), the same way by the
// client and the simulator: a PDF is not a first frame whatever its name or declared type, and a
// file field is a file.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createClient, ValidationError } from '../../src/index.ts';
import { sniffFile } from '../../src/file-parts.ts';

const FIXTURES = resolve(import.meta.dirname, '../../mocks/fixtures');
const pdf = readFileSync(resolve(FIXTURES, 'document.pdf'));
const png = readFileSync(resolve(FIXTURES, 'first-frame.png'));
const client = createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'sk-files' });
const request = (source: Blob | string) => ({
  model: 'doubao-seedance-1-5-pro_720p',
  prompt: 'Walk forward',
  images: [{ source, role: 'first_frame' as const }],
});

describe('file parts', () => {
  it('sniffs the bytes, not the name or the declared type', async () => {
    expect(await sniffFile(new File([pdf], 'frame.png', { type: 'image/png' }))).toBe('application/octet-stream');
    expect(await sniffFile(new Blob([png]))).toBe('image/png');
  });

  it('the client refuses a PDF as first_frame_image, even named and typed as a PNG', async () => {
    const error = await client.prepare(request(new File([pdf], 'frame.png', { type: 'image/png' }))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: '/first_frame_image', rule: 'file-is-image' })]);
  });

  it('the client accepts a real PNG', async () => {
    await expect(client.prepare(request(new Blob([png])))).resolves.toMatchObject({ dialect: 'multipart-videos' });
  });

  it('uploads a data: URI as the bytes it encodes, base64 or percent-encoded', async () => {
    const base64 = await client.prepare(request(`data:image/png;base64,${png.toString('base64')}`));
    const percent = await client.prepare(request(`data:image/png,${[...png].map((value) => `%${value.toString(16).padStart(2, '0')}`).join('')}`));
    for (const prepared of [base64, percent]) {
      const file = prepared.body.first_frame_image as Blob;
      expect(Buffer.from(await file.arrayBuffer()).equals(png)).toBe(true);
    }
  });

  it('refuses a data: URI whose base64 does not decode, naming the image', async () => {
    const error = await client.prepare(request('data:image/png;base64,iVBOR*w0K')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([expect.objectContaining({ path: 'images[0].source', rule: 'invalid-data-uri' })]);
  });

  it('the client refuses a file field sent as text (through the passthrough)', async () => {
    const error = await client
      .prepare({
        model: 'doubao-seedance-1-5-pro_720p',
        prompt: 'Walk forward',
        passthrough: { 'multipart-videos': { first_frame_image: 'https://example.com/a.png' } },
      })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).issues?.map((issue) => issue.rule)).toEqual(['file-field-is-file']);
  });
});
