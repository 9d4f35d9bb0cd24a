// How a request the dialect's contract refuses is treated: `strict` (the default) refuses it before
// anything is sent; `warn` sends it and reports every issue to onWarning; `off` sends what the
// caller wrote without checking it. The gateway (here the simulator, which runs the same contract)
// still has the last word.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulator } from '../../mocks/simulator/index.ts';
import { ApiError, createClient, SeedanceError, ValidationError, type ValidationWarning, type VideoRequestInput } from '../../src/index.ts';
import { MODELS } from '../support/dialects.ts';

/** A client on an in-process simulator, and what the simulator received. */
function setup(options: { validation?: 'strict' | 'warn' | 'off'; onWarning?: (warning: ValidationWarning) => void } = {}) {
  const sim = createSimulator();
  const client = createClient({ baseUrl: sim.urls, apiKey: 'sk-validation', fetch: sim.fetch, retry: { maxRetries: 0 }, ...options });
  return { sim, client };
}

/** Ark takes 4 to 15 seconds on Seedance 2.0 (rule duration-range): any other whole number is refused by its contract. */
const outOfRange = fc.oneof(fc.integer({ min: -1_000, max: 3 }), fc.integer({ min: 16, max: 1_000 }));
const SEEDANCE_2 = 'dreamina-seedance-2-0-260128';
const arkRequest = (duration: number): VideoRequestInput => ({ model: SEEDANCE_2, prompt: 'A kitten yawns', duration });

describe("validation: 'strict' (the default)", () => {
  it('refuses a duration the contract refuses, naming the field and rule, and sends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(outOfRange, async (duration) => {
        const { sim, client } = setup();
        const error = await client.submit(arkRequest(duration)).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as ValidationError).issues).toContainEqual(expect.objectContaining({ path: '/duration', rule: 'duration-range' }));
        expect(sim.journal.entries()).toEqual([]);
      }),
      { numRuns: 15, seed: 3 },
    );
  });
});

describe("validation: 'warn'", () => {
  it('sends the body as translated and reports every issue to onWarning, once per request', async () => {
    await fc.assert(
      fc.asyncProperty(outOfRange, async (duration) => {
        const warnings: ValidationWarning[] = [];
        const { sim, client } = setup({ validation: 'warn', onWarning: (warning) => warnings.push(warning) });
        const error = await client.submit(arkRequest(duration)).catch((caught: unknown) => caught);
        // The simulator judges the body as the gateway would: the same rule, now in Ark's 400.
        expect(error).toBeInstanceOf(ApiError);
        expect((error as ApiError).status).toBe(400);
        expect(warnings).toEqual([{ dialect: 'ark', model: SEEDANCE_2, issues: [expect.objectContaining({ path: '/duration', rule: 'duration-range' })] }]);
        const [entry] = sim.journal.entries();
        expect(entry?.body).toMatchObject({ duration });
        expect(entry?.verdict.rules).toContain('duration-range');
      }),
      { numRuns: 15, seed: 4 },
    );
  });

  it('reports a field the dialect cannot express (and sends the rest); prepare returns the same issues', async () => {
    const warnings: ValidationWarning[] = [];
    const { client } = setup({ validation: 'warn', onWarning: (warning) => warnings.push(warning) });
    const prepared = await client.prepare({ model: MODELS['multipart-videos'], prompt: 'A kitten', duration: 5, seed: 42 });
    expect(prepared.issues).toEqual([expect.objectContaining({ path: 'seed', rule: 'not-expressible' })]);
    expect(prepared.body).not.toHaveProperty('seed');
    expect(warnings.map((warning) => warning.issues)).toEqual([prepared.issues]);
  });

  it('gives back an error thrown by onWarning untouched, and sends nothing', async () => {
    const mine = new Error('stop here');
    const { sim, client } = setup({
      validation: 'warn',
      onWarning: () => {
        throw mine;
      },
    });
    await expect(client.submit(arkRequest(99))).rejects.toBe(mine);
    expect(sim.journal.entries()).toEqual([]);
  });

  it('stays quiet for a valid request', async () => {
    const onWarning = () => {
      throw new Error('no warning expected');
    };
    const { client } = setup({ validation: 'warn', onWarning });
    const handle = await client.submit(arkRequest(5));
    expect(handle.dialect).toBe('ark');
  });
});

describe("validation: 'off'", () => {
  it('sends a body the contract refuses, as the caller wrote it, without a warning', async () => {
    await fc.assert(
      fc.asyncProperty(outOfRange, fc.constantFrom('21:9', '7:5', 'square'), async (duration, ratio) => {
        const { sim, client } = setup({
          validation: 'off',
          onWarning: () => {
            throw new Error('off reports nothing');
          },
        });
        const prepared = await client.prepare({ ...arkRequest(duration), ratio });
        expect(prepared.issues).toBeUndefined();
        const error = await client.submit({ ...arkRequest(duration), ratio }).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(ApiError);
        const [entry] = sim.journal.entries();
        expect(entry?.body).toEqual(JSON.parse(JSON.stringify(prepared.body)));
        expect(entry?.verdict.outcome).toBe('refused');
      }),
      { numRuns: 15, seed: 5 },
    );
  });

  it('still parses the canonical request: its shape is what is translated', async () => {
    const { client } = setup({ validation: 'off' });
    await expect(client.prepare({ model: MODELS.ark, durration: 5 } as unknown as VideoRequestInput)).rejects.toBeInstanceOf(ValidationError);
  });
});

it('refuses a validation mode it does not know', () => {
  expect(() => createClient({ baseUrl: 'http://127.0.0.1:9', apiKey: 'k', validation: 'loose' as 'warn' })).toThrow(SeedanceError);
});
