// `--validation strict|warn|off` on the commands that send a request: strict (the default) refuses a
// body the dialect's contract refuses and sends nothing; warn sends it and prints each issue on
// stderr (and a `warning` event with --json); off sends it unchecked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSimulator, type Simulator } from '../../mocks/simulator/server.ts';
import { runSeedance } from './support.ts';

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ port: 0 });
});
afterAll(() => sim.close());

const env = { SEEDANCE_API_KEY: 'sk-cli-validation' };
/** A Seedance 2.0 request on Ark for 99 seconds: its contract takes 4 to 15 (rule duration-range). */
const submit = (...extra: string[]) => [
  'submit',
  '--base-url',
  `${sim.url}/{dialect}`,
  '--model',
  'dreamina-seedance-2-0-260128',
  '--prompt',
  'A kitten yawns',
  '--duration',
  '99',
  ...extra,
];

describe('seedance submit --validation', () => {
  it('strict (the default): refused with exit 3, nothing sent', async () => {
    sim.journal.clear();
    const run = await runSeedance(submit(), { env });
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('/duration');
    expect(sim.journal.entries()).toEqual([]);
  });

  it('warn: sent, each issue printed as a warning, and the gateway has the last word', async () => {
    sim.journal.clear();
    const run = await runSeedance(submit('--validation', 'warn'), { env });
    expect(run.stderr).toMatch(/^warning: sent to ark despite \/duration: .* \[duration-range\]$/m);
    expect(run.code).toBe(4);
    expect(sim.journal.entries().map((entry) => entry.verdict.rules)).toEqual([['duration-range']]);
  });

  it('warn with --json: a warning event naming the issues', async () => {
    const run = await runSeedance(submit('--validation', 'warn', '--json'), { env });
    const events = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { event: string; issues?: Array<{ rule: string }> });
    expect(events.find((event) => event.event === 'warning')?.issues?.map((issue) => issue.rule)).toEqual(['duration-range']);
  });

  it('off: sent without a warning', async () => {
    sim.journal.clear();
    const run = await runSeedance(submit('--validation', 'off'), { env });
    expect(run.stderr).not.toContain('warning:');
    expect(sim.journal.entries()).toHaveLength(1);
  });

  it('an unknown mode is a usage error (exit 2) naming the modes', async () => {
    const run = await runSeedance(submit('--validation', 'loose'), { env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--validation must be one of strict, warn, off, not "loose"');
  });
});
