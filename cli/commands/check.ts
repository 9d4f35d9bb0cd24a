// `seedance check`: the live-target conformance run, as package code (no vitest, Prism or dev
// tools): every documented operation of each dialect against --target, every answer checked
// against the contract, a summary, optional JUnit/JSON reports and GitHub annotations.
// Exit 0 when everything conforms, 7 when a check failed, 4 when nothing answered at all.
import { apiKeyFor } from '../api-key.ts';
import { parseFlags } from '../args.ts';
import { runConformance, type CaseResult } from '../check/run.ts';
import { githubAnnotations, printSummary, writeReport, type ReportFormat } from '../check/report.ts';
import { isSimulator, parseTarget, TargetUnreachableError } from '../check/target.ts';
import { resolvePath } from '../io.ts';
import { EXIT, UsageError } from '../output.ts';
import { DEFAULT_BASE, type Session } from '../session.ts';

export { TargetUnreachableError };

const CHECK_FLAGS = {
  target: { type: 'string' },
  dialects: { type: 'string' },
  'allow-submit': { type: 'boolean', default: false },
  report: { type: 'string', multiple: true },
} as const;

/**
 * `--report junit FILE` (format, then the file as the next word), or `--report junit=FILE`.
 * The file words arrive as positionals, in order; check takes no other positional.
 */
function reportsOf(formats: readonly string[], positionals: readonly string[]): Array<{ format: ReportFormat; file: string }> {
  const files = [...positionals];
  return formats.map((spec) => {
    const [format, inline] = spec.includes('=') ? [spec.slice(0, spec.indexOf('=')), spec.slice(spec.indexOf('=') + 1)] : [spec, undefined];
    if (format !== 'junit' && format !== 'json') throw new UsageError(`--report takes junit or json and a file (--report junit results.xml), not "${spec}"`);
    const file = inline ?? files.shift();
    if (!file) throw new UsageError(`--report ${format} needs a file to write (--report ${format} results.${format === 'junit' ? 'xml' : 'json'})`);
    return { format, file };
  });
}

export async function check(args: string[], session: Session): Promise<number> {
  const { values, positionals } = parseFlags(args, CHECK_FLAGS);
  const reports = reportsOf(values.report ?? [], positionals);
  const target = parseTarget(values.target ?? values['base-url'] ?? session.env.SEEDANCE_BASE_URL ?? DEFAULT_BASE, values.dialects, values['allow-submit']);
  const key = await apiKeyFor(values, Object.values(target.urls), session.io);
  session.secrets.push(key);
  session.target = target.template;
  if (target.notice) session.output.note(target.notice, 'note: ');
  const simulator = await isSimulator(target);
  const results = await runConformance({ target, key, simulator, onResult: (result) => session.output.event({ event: 'case', ...result }) });
  return finish(results, { target, simulator, reports, session });
}

function finish(
  results: CaseResult[],
  context: { target: ReturnType<typeof parseTarget>; simulator: boolean; reports: ReturnType<typeof reportsOf>; session: Session },
): number {
  const { target, simulator, reports, session } = context;
  printSummary(results, target, simulator, session.output);
  for (const { format, file } of reports) writeReport(format, resolvePath(session.io, file), results, target, simulator, session.secrets);
  if (session.env.GITHUB_ACTIONS === 'true') for (const line of githubAnnotations(results)) session.output.result(line);
  const ran = results.filter((result) => result.outcome !== 'skipped');
  if (ran.length > 0 && ran.every((result) => result.problems[0]?.startsWith('no answer from'))) {
    throw new TargetUnreachableError(
      `nothing answered at ${target.template} (${ran[0]?.problems[0] ?? ''}). For the local simulator, run \`seedance start\` first.`,
    );
  }
  return ran.some((result) => result.outcome === 'failed') ? EXIT.checkFailed : EXIT.ok;
}
