// `seedance check` (being replaced by the installed conformance run).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseFlags } from '../args.ts';
import { EXIT } from '../output.ts';
import type { Session } from '../session.ts';

function packageRoot(): string {
  let dir = import.meta.dirname;
  while (!existsSync(resolve(dir, 'package.json')) || !existsSync(resolve(dir, 'openapi'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the toolkit root (package.json beside openapi/)');
    dir = parent;
  }
  return dir;
}

export async function check(args: string[], session: Session): Promise<number> {
  const { values } = parseFlags(args, { target: { type: 'string' }, dialects: { type: 'string' } });
  const { output } = session;
  const root = packageRoot();
  const env: NodeJS.ProcessEnv = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  if (values.target !== undefined) env.SEEDANCE_TARGET_URL = values.target;
  if (values.dialects !== undefined) env.SEEDANCE_TARGET_DIALECTS = values.dialects;
  if (values['api-key']) env.SEEDANCE_API_KEY = values['api-key'];
  const steps: Array<[string, string[]]> = [
    ['lint', ['run', 'lint']],
    ['generated types and bundles match the contracts', ['run', 'generate:check']],
    [values.target ? `conformance against ${values.target}` : 'conformance against Prism', ['exec', '--', 'vitest', 'run', 'test/conformance']],
  ];
  let failed = 0;
  for (const [name, stepArgs] of steps) {
    output.note(`== ${name}`);
    const result = spawnSync('npm', stepArgs, { cwd: root, env, encoding: 'utf8' });
    const passed = result.status === 0;
    if (!passed) {
      failed++;
      output.note(`${result.stdout}${result.stderr}`.trim().split('\n').slice(-25).join('\n'));
    }
    output.event({ event: 'check', step: name, passed });
    output.note(`${passed ? 'ok' : 'FAILED'}: ${name}`);
  }
  return failed === 0 ? EXIT.ok : EXIT.checkFailed;
}
