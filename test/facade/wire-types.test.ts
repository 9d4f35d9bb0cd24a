// The generated types guard the bodies we send: `toWire` builds each body with `satisfies
// WireDraft<the dialect's generated CreateTaskRequest>`, so a misspelt wire field fails to compile.
// The `@ts-expect-error` lines below are the proof, checked by `tsc --noEmit` (npm run typecheck,
// part of npm test): if a misspelling ever compiled, the directive would be unused and tsc would fail.
import { describe, expect, it } from 'vitest';
import type { components as Ark } from '../../generated/ark.ts';
import type { components as ContentMetadata } from '../../generated/content-metadata.ts';
import type { components as UnifiedJobs } from '../../generated/unified-jobs.ts';
import type { WireDraft } from '../../src/dialects/shared/adapter.ts';
import { arkParameters, type ArkParameters } from '../../src/dialects/shared/ark-shapes.ts';
import { dialects, parseVideoRequest } from '../../src/index.ts';
import type { CreateTaskForm } from '../../src/dialects/multipart-videos.ts';

type ArkBody = WireDraft<Ark['schemas']['CreateTaskRequest']>;
type MetadataBody = WireDraft<ContentMetadata['schemas']['CreateTaskRequest']>;
type JobBody = WireDraft<UnifiedJobs['schemas']['CreateTaskRequest']>;
type MultipartBody = WireDraft<CreateTaskForm>;

const misspelt = {
  ark: {
    model: 'm',
    content: [],
    // @ts-expect-error camera_fixd is not an Ark wire field (camera_fixed is)
    camera_fixd: true,
  } satisfies ArkBody,
  arkParameters: {
    // @ts-expect-error generate_audo is not an Ark parameter (generate_audio is)
    generate_audo: true,
  } satisfies ArkParameters,
  contentMetadata: {
    model: 'm',
    content: [],
    metadata: {
      // @ts-expect-error return_lastframe is not a metadata field (return_last_frame is)
      return_lastframe: true,
    },
  } satisfies MetadataBody,
  unifiedJobs: {
    model: 'm',
    // @ts-expect-error aspectRatio is not a unified-jobs field (aspect_ratio is)
    aspectRatio: '16:9',
  } satisfies JobBody,
  unifiedJobsExtraBody: {
    model: 'm',
    extra_body: {
      // @ts-expect-error cameraFixed is not an extra_body field (camera_fixed is)
      cameraFixed: true,
    },
  } satisfies JobBody,
  multipartVideos: {
    model: 'm',
    // @ts-expect-error duration is not a multipart-videos field (seconds is)
    duration: 5,
  } satisfies MultipartBody,
};

const spelledRight = {
  ark: { model: 'm', content: [], camera_fixed: true, ratio: 'not checked here: the contract checks values' } satisfies ArkBody,
  unifiedJobs: { model: 'm', aspect_ratio: '16:9', extra_body: { camera_fixed: true } } satisfies JobBody,
  multipartVideos: { model: 'm', seconds: 5, first_frame_image: new File([], 'f.png') } satisfies MultipartBody,
};

describe('the Ark parameter mapping', () => {
  it('is one function: ark sends it at the top level, content-metadata inside metadata, field for field', async () => {
    const request = parseVideoRequest({
      model: 'doubao-seedance-2-0-260128',
      prompt: 'p',
      duration: 5,
      ratio: '16:9',
      seed: 7,
      cameraFixed: true,
      generateAudio: false,
      callbackUrl: 'http://127.0.0.1:9/hook',
    });
    const parameters = arkParameters(request);
    const ark = await dialects.ark.toWire(request);
    const metadata = await dialects['content-metadata'].toWire(request);
    expect(parameters).toEqual({ duration: 5, ratio: '16:9', seed: 7, camera_fixed: true, generate_audio: false, callback_url: 'http://127.0.0.1:9/hook' });
    expect(ark.body).toMatchObject(parameters);
    expect(metadata.body.metadata).toEqual(parameters);
  });
});

describe('the wire-type fixture', () => {
  it('holds one misspelling per dialect body and nested object (each a compile error tsc expects)', () => {
    expect(Object.keys(misspelt)).toEqual(['ark', 'arkParameters', 'contentMetadata', 'unifiedJobs', 'unifiedJobsExtraBody', 'multipartVideos']);
    expect(Object.keys(spelledRight)).toHaveLength(3);
  });
});
