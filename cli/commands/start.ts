// `seedance start`: the offline simulator, as `npm start` runs it. Each flag is checked on its own,
// so a wrong value names the flag and what it takes.
import { parseFlags } from '../args.ts';
import { resolvePath } from '../io.ts';
import { EXIT, UsageError } from '../output.ts';
import type { Session } from '../session.ts';
import { readRecording } from './drift.ts';
import { dialectFlag } from './proxy.ts';

const START_FLAGS = {
  port: { type: 'string' },
  host: { type: 'string' },
  speed: { type: 'string' },
  scenario: { type: 'string' },
  quiet: { type: 'boolean', default: false },
  cors: { type: 'boolean', default: false },
  'public-url': { type: 'string' },
  'allowed-host': { type: 'string', multiple: true },
  'callback-allow': { type: 'string', multiple: true },
  replay: { type: 'string' },
  'replay-strict': { type: 'boolean', default: false },
  dialect: { type: 'string' },
} as const;

function portFlag(value: string | undefined): number {
  const port = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--port takes a whole number from 0 to 65535 (0 picks a free port), not "${value}"`);
  }
  return port;
}

function speedFlag(value: string | undefined): number {
  const speed = Number(value ?? 1);
  if (value?.trim() === '' || !Number.isFinite(speed) || speed <= 0)
    throw new UsageError(`--speed takes a positive number (1 = about 5 s per task, 0.1 = ten times faster), not "${value}"`);
  return speed;
}

export async function start(args: string[], session: Session): Promise<number> {
  const { values } = parseFlags(args, START_FLAGS);
  // Loaded here: the simulator is only needed by this command.
  const { publicUrlProblem, runSimulator, simulatorKey } = await import('../../mocks/simulator/run.ts');
  const { isScenario, SCENARIOS } = await import('../../mocks/simulator/tasks.ts');
  const { HarError } = await import('../../mocks/simulator/har.ts');
  const scenario = values.scenario ?? 'succeed';
  if (!isScenario(scenario)) throw new UsageError(`--scenario must be one of ${SCENARIOS.join(', ')}, not "${scenario}"`);
  const port = portFlag(values.port ?? session.env.PORT ?? '4010');
  const speed = speedFlag(values.speed);
  const host = values.host ?? session.env.HOST ?? '127.0.0.1';
  const publicUrl = values['public-url'];
  const problem = publicUrl === undefined ? undefined : publicUrlProblem(publicUrl);
  if (problem) throw new UsageError(problem);
  // The key the simulator requires: from a file or SEEDANCE_SIMULATOR_KEY, never from argv (the process list shows argv).
  if (values['api-key'] !== undefined || values['api-key-stdin'])
    throw new UsageError('seedance start takes the key it requires from --api-key-file <file> or SEEDANCE_SIMULATOR_KEY');
  const keyFile = values['api-key-file'];
  const apiKey = await simulatorKey(keyFile === undefined ? undefined : resolvePath(session.io, keyFile), session.env).catch((error: Error) => {
    throw new UsageError(error.message);
  });
  const recording = values.replay;
  if (recording === undefined && (values['replay-strict'] || values.dialect !== undefined))
    throw new UsageError('--replay-strict and --dialect go with --replay <file.har>');
  const replay =
    recording === undefined
      ? undefined
      : {
          har: readRecording(recording, session),
          from: recording,
          strict: values['replay-strict'],
          ...(values.dialect === undefined ? {} : { dialect: dialectFlag(values.dialect) }),
        };
  const print = (line: string) => session.output.result(line);
  const options = {
    host,
    port,
    speed,
    scenario,
    quiet: values.quiet,
    cors: values.cors,
    ...(publicUrl ? { publicUrl } : {}),
    ...(apiKey ? { apiKey } : {}),
    allowedHosts: values['allowed-host'] ?? [],
    callbackAllow: values['callback-allow'] ?? [],
    ...(replay ? { replay } : {}),
    print,
  };
  // A recording that cannot be read is the caller's to fix: the error names the file and the entry.
  const started = (more: { stopOnSignals?: boolean } = {}) =>
    runSimulator({ ...options, ...more }).catch((error: Error) => {
      if (replay && error instanceof HarError) throw new UsageError(`${replay.from}: ${error.message}`);
      throw error;
    });
  if (!session.embedded) {
    // The bin: runSimulator closes the server and exits 0 on SIGINT or SIGTERM.
    await started();
    return new Promise<number>(() => undefined); // runs until interrupted
  }
  // Embedded (cli/io.ts): no process signal handlers; the run's interrupt closes the server and ends the run with 0.
  const simulator = await started({ stopOnSignals: false });
  await new Promise<void>((resolve) => session.process.onInterrupt(resolve));
  await simulator.close();
  return EXIT.ok;
}
