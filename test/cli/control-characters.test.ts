// What a gateway writes is shown, never obeyed: task ids, status words, error codes and messages
// reach the terminal with every control character escaped (ESC sequences that set the window title
// or clear the screen, BEL, C1's CSI, a newline that forges a line like `saved kitten.mp4`), as git,
// kubectl and gh do; the only line breaks are the ones the CLI writes. --json stays exact: the same
// values, parsed back. Property-tested (fast-check) over gateway texts built from control
// characters and ordinary ones, through the three ways gateway text reaches the screen.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeControls } from '../../cli/output.ts';
import { json, startFakeGateway, type FakeGateway } from './fake-gateway.ts';
import { runSeedance } from './support.ts';

/** What the fake gateway says, per run: the text it puts in every field, and how it answers. */
let said = { text: '', as: 'running' as 'running' | 'failed' | 'refused' };
let gateway: FakeGateway;

beforeAll(async () => {
  gateway = await startFakeGateway((_request, response) => {
    const { text, as } = said;
    if (as === 'refused') return json(response, 400, { error: { code: text, message: text } });
    return json(response, 200, {
      id: text,
      model: 'doubao-seedance-1-5-pro-251215',
      status: as === 'failed' ? 'failed' : text,
      error: as === 'failed' ? { code: text, message: text } : undefined,
      created_at: 1,
      updated_at: 1,
    });
  });
});
afterAll(() => gateway.close());

const handle = () => JSON.stringify({ v: 1, dialect: 'ark', model: 'doubao-seedance-1-5-pro-251215', taskId: 'cgt-1', baseUrl: gateway.url });
const env = () => ({ SEEDANCE_BASE_URL: gateway.url });

/** Runs the command that shows the text the way `as` makes it reach the screen. */
function show(text: string, as: typeof said.as, json = false) {
  said = { text, as };
  const command = as === 'failed' ? ['wait', handle(), '--poll-interval', '0.1', '--timeout', '5'] : ['status', handle()];
  return runSeedance([...command, ...(json ? ['--json'] : [])], { env: env() });
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

describe('gateway text in human output', () => {
  it('a newline cannot forge a line, and ESC/BEL sequences reach the screen as escapes', async () => {
    const run = await show('cgt-1\nsaved kitten.mp4 (15.2 KiB, video/mp4)\u001b]0;pwned\u0007\u001b[2J', 'failed');
    expect(run.code).toBe(6);
    expect(run.stderr.split('\n').some((line) => line.startsWith('saved kitten.mp4'))).toBe(false);
    expect(run.stderr).toContain('\\nsaved kitten.mp4 (15.2 KiB, video/mp4)\\x1b]0;pwned\\x07\\x1b[2J');
  });

  const control = fc.constantFrom(
    '\n',
    '\r',
    '\t',
    '\u0000',
    '\u0007',
    '\u0008',
    '\u001b',
    '\u001b[2J',
    '\u001b]0;title\u0007',
    '\u007f',
    '\u0085',
    '\u009b',
    '\u2028',
    '\u202e',
  );
  const text = fc.array(fc.oneof(control, fc.string({ maxLength: 6, unit: 'grapheme' })), { minLength: 1, maxLength: 8 }).map((parts) => parts.join(''));

  it('has no control character but the line breaks the CLI writes, for any gateway text (fast-check, fixed seed)', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('running', 'failed', 'refused') as fc.Arbitrary<typeof said.as>, async (gatewayText, as) => {
        const run = await show(gatewayText, as);
        for (const written of [run.stdout, run.stderr]) {
          for (const line of written.split('\n')) expect(line, JSON.stringify(line)).not.toMatch(CONTROLS);
        }
        // What was shown is the text, escaped: nothing dropped.
        if (as !== 'refused') expect(run.stdout + run.stderr).toContain(escapeControls(gatewayText));
      }),
      { seed: 20261207, numRuns: 40 },
    );
  });

  it('--json stays exact: the values come back as the gateway sent them, and no raw control character is written', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (gatewayText) => {
        const run = await show(gatewayText, 'running', true);
        expect(run.stdout).not.toMatch(CONTROLS);
        const event = JSON.parse(run.stdout.trim()) as { task: { id: string; rawStatus: string } };
        expect(event.task.id).toBe(gatewayText);
        expect(event.task.rawStatus).toBe(gatewayText);
      }),
      { seed: 20261207, numRuns: 20 },
    );
  });
});
