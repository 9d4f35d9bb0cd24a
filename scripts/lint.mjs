#!/usr/bin/env node
// Lint gate, three parts, each zero errors AND zero warnings:
//  1. the OpenAPI documents and redocly.yaml (`redocly lint` exits 0 on warnings, so the totals are read);
//  2. the code: Biome's formatter and linter (`biome ci`, warnings are errors; config in biome.json), and no line
//     over 160 characters (the formatter cannot break a long string literal);
//  3. nothing unused: knip (files, exports, types, dependencies; config in knip.jsonc).
// Extra arguments (e.g. `--format github-actions` in CI) are passed to a second, human-facing redocly run that only
// happens when there is something to show. Both parts always run, so one run shows every finding.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

const MAX_LINE = 160;
const CODE_FILE = /\.(?:[cm]?ts|[cm]?js)$/;

/** The api aliases of redocly.yaml (`  ark@v1:` under `apis:`), read without a YAML parser (this script has no dependencies). */
function apisOf(config) {
  const block = /^apis:\n((?:[ \t]+.*\n?|\n)*)/m.exec(config)?.[1] ?? '';
  return Object.fromEntries([...block.matchAll(/^ {2}([^\s:#][^:]*):\s*$/gm)].map((match) => [match[1], true]));
}

/** workflows/*.arazzo.yaml */
function workflowFiles() {
  return readdirSync('workflows')
    .filter((file) => file.endsWith('.arazzo.yaml'))
    .sort()
    .map((file) => `workflows/${file}`);
}

function lintContracts() {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
  const redocly = (args) => spawnSync('redocly', ['lint', ...args], { env, encoding: 'utf8', shell: false });

  // The APIs of redocly.yaml and the Arazzo workflows, in one run: the workflows are checked
  // against the documents they name (operationIds, parameters), under the same rules.
  const targets = [...Object.keys(apisOf(readFileSync('redocly.yaml', 'utf8'))), ...workflowFiles()];
  const run = redocly([...targets, '--format', 'json']);
  if (run.error) throw run.error;

  // One JSON object is printed per API; join them into an array.
  const reports = JSON.parse(`[${run.stdout.trim().replace(/\}\s*\{\s*"totals"/g, '},{"totals"')}]`);
  const errors = reports.reduce((sum, report) => sum + report.totals.errors, 0);
  const warnings = reports.reduce((sum, report) => sum + report.totals.warnings, 0);
  const configWarnings = /Your config has (\d+) warning/.exec(run.stderr)?.[1];

  if (errors === 0 && warnings === 0 && !configWarnings && run.status === 0) {
    console.log(`redocly lint: ${reports.length} documents (${workflowFiles().length} of them Arazzo workflows), 0 errors, 0 warnings`);
    return true;
  }

  const extra = process.argv.slice(2);
  const shown = redocly([...targets, ...(extra.length > 0 ? extra : ['--format', 'stylish'])]);
  process.stdout.write(shown.stdout);
  process.stderr.write(
    shown.stderr
      .split('\n')
      .filter((line) => !/[║╔╚]/.test(line))
      .join('\n'),
  );
  console.error(
    `\nredocly lint: ${errors} errors, ${warnings} warnings${configWarnings ? `, ${configWarnings} in redocly.yaml` : ''}; the gate is zero of each.`,
  );
  return false;
}

/** The code files Biome checks: tracked or new, not ignored, outside generated/. */
function codeFiles() {
  const listed = spawnSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], { encoding: 'utf8' });
  if (listed.status !== 0) return [];
  return listed.stdout.split('\n').filter((file) => CODE_FILE.test(file) && !file.startsWith('generated/') && !file.startsWith('dist/'));
}

function lintCode() {
  // In CI (`--format github-actions`) Biome's findings become annotations too.
  const reporter = process.argv.includes('github-actions') ? ['--reporter=github'] : [];
  const biome = spawnSync('biome', ['ci', '--error-on-warnings', '--colors=off', ...reporter, '.'], { encoding: 'utf8', shell: false });
  if (biome.error) throw biome.error;
  const long = codeFiles().flatMap((file) => {
    let text;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      return []; // listed by git but deleted in the work tree
    }
    return text.split('\n').flatMap((line, index) => (line.length > MAX_LINE ? [`${file}:${index + 1}: line of ${line.length} characters`] : []));
  });
  if (biome.status === 0 && long.length === 0) {
    const checked = /Checked (\d+) files?/.exec(biome.stdout + biome.stderr)?.[1];
    console.log(`biome: ${checked ? `${checked} files` : 'code'} formatted and linted, 0 errors, 0 warnings; no line over ${MAX_LINE}`);
    return true;
  }
  if (biome.status !== 0) process.stderr.write(biome.stdout + biome.stderr);
  for (const finding of long) console.error(`${finding} (the limit is ${MAX_LINE})`);
  console.error(`\ncode lint failed; \`npx biome check --write <files>\` fixes formatting and the safe lint fixes.`);
  return false;
}

function lintUnused() {
  const knip = spawnSync(process.execPath, ['node_modules/knip/bin/knip.js', '--no-progress'], { encoding: 'utf8', shell: false });
  if (knip.error) throw knip.error;
  if (knip.status === 0) {
    console.log('knip: no unused file, export, type or dependency');
    return true;
  }
  process.stderr.write(knip.stdout + knip.stderr);
  console.error('\nknip: remove what nothing uses (or the `export` keyword), or say in knip.jsonc why it stays.');
  return false;
}

const contractsClean = lintContracts();
const codeClean = lintCode();
const unusedClean = lintUnused();
process.exit(contractsClean && codeClean && unusedClean ? 0 : 1);
