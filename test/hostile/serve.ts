// The simulator under attack, in its own process so that a crash is seen as the process ending
// (and its dying words can be searched for secrets). Prints `READY <url>`, then one line per request.
import { startSimulator } from '../../mocks/simulator/index.ts';
import { LIMITS } from './corpus.ts';

const sim = await startSimulator({
  port: 0,
  bodyLimitBytes: LIMITS.bodyLimitBytes,
  maxJsonDepth: LIMITS.maxJsonDepth,
  timeouts: { headersMs: LIMITS.headersMs, bodyMs: LIMITS.bodyMs },
  lifecycle: { queuedMs: 0, runningMs: 0 },
  log: (line) => process.stdout.write(`${line}\n`),
});
process.stdout.write(`READY ${sim.url}\n`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
