#!/usr/bin/env node
// Lint gate: `redocly lint` exits 0 on warnings, but the promise is zero errors AND zero warnings,
// for the documents and for redocly.yaml itself. Extra arguments (e.g. `--format github-actions`
// in CI) are passed to a second, human-facing run that only happens when there is something to show.
import { spawnSync } from 'node:child_process';

const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const redocly = (args) => spawnSync('redocly', ['lint', ...args], { env, encoding: 'utf8', shell: false });

const run = redocly(['--format', 'json']);
if (run.error) throw run.error;

// One JSON object is printed per API; join them into an array.
const reports = JSON.parse(`[${run.stdout.trim().replace(/\}\s*\{\s*"totals"/g, '},{"totals"')}]`);
const errors = reports.reduce((sum, report) => sum + report.totals.errors, 0);
const warnings = reports.reduce((sum, report) => sum + report.totals.warnings, 0);
const configWarnings = /Your config has (\d+) warning/.exec(run.stderr)?.[1];

if (errors === 0 && warnings === 0 && !configWarnings && run.status === 0) {
  console.log(`redocly lint: ${reports.length} documents, 0 errors, 0 warnings`);
  process.exit(0);
}

const extra = process.argv.slice(2);
const shown = redocly(extra.length > 0 ? extra : ['--format', 'stylish']);
process.stdout.write(shown.stdout);
process.stderr.write(shown.stderr.split('\n').filter((line) => !/[║╔╚]/.test(line)).join('\n'));
console.error(`\nredocly lint: ${errors} errors, ${warnings} warnings${configWarnings ? `, ${configWarnings} in redocly.yaml` : ''}; the gate is zero of each.`);
process.exit(1);
