// Starts one Prism per dialect in-process (port 0) and hands their URLs to the tests; closes them
// afterwards. With SEEDANCE_TARGET_URL set, starts nothing and points the tests there instead.
import type { TestProject } from 'vitest/node';
import { DIALECTS, startPrismMock } from '../../mocks/prism.ts';
import { liveTargetFromEnv } from './targets.ts';

export default async function setup(project: TestProject) {
  const live = liveTargetFromEnv(process.env);
  if (live) {
    project.provide('conformanceTarget', live);
    return;
  }
  const mocks = await Promise.all(DIALECTS.map((dialect) => startPrismMock(dialect)));
  project.provide('conformanceTarget', {
    kind: 'prism',
    urls: Object.fromEntries(mocks.map((mock) => [mock.dialect, mock.url])),
    allowSubmit: true,
  });
  return async () => {
    await Promise.all(mocks.map((mock) => mock.close()));
  };
}
