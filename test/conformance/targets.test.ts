// The live-target switch, as pure configuration: nothing here touches the network.
import { describe, expect, it } from 'vitest';
import { DIALECT_IDS } from '../../src/index.ts';
import { liveTargetFromEnv } from './targets.ts';

describe('SEEDANCE_TARGET_URL', () => {
  it('is off when unset or blank, so the suite runs against Prism', () => {
    expect(liveTargetFromEnv({})).toBeUndefined();
    expect(liveTargetFromEnv({ SEEDANCE_TARGET_URL: '  ' })).toBeUndefined();
  });

  it('fills {dialect} per dialect for a server that serves each under its own prefix', () => {
    const target = liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'http://127.0.0.1:4010/{dialect}/' });
    expect(target?.urls).toEqual(Object.fromEntries(DIALECT_IDS.map((id) => [id, `http://127.0.0.1:4010/${id}`])));
  });

  it('limits the run to SEEDANCE_TARGET_DIALECTS and refuses an unknown dialect by name', () => {
    expect(Object.keys(liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'http://localhost:1', SEEDANCE_TARGET_DIALECTS: 'ark, unified-jobs' })?.urls ?? {})).toEqual([
      'ark',
      'unified-jobs',
    ]);
    expect(() => liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'http://localhost:1', SEEDANCE_TARGET_DIALECTS: 'ark,sora' })).toThrow(/unknown dialect sora/);
  });

  it('submits billed tasks to a remote gateway only when allowed explicitly', () => {
    expect(liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'http://127.0.0.1:4010/{dialect}' })?.allowSubmit).toBe(true);
    expect(liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'http://[::1]:4010' })?.allowSubmit).toBe(true);
    expect(liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'https://ark.cn-beijing.volces.com' })?.allowSubmit).toBe(false);
    expect(liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'https://localhost.example.com' })?.allowSubmit).toBe(false);
    expect(liveTargetFromEnv({ SEEDANCE_TARGET_URL: 'https://ark.cn-beijing.volces.com', SEEDANCE_TARGET_ALLOW_SUBMIT: '1' })?.allowSubmit).toBe(true);
  });
});
