// npm run bench: every measured claim of the performance guide (docs/guides/performance.md), each
// as a ratio to its baselines from the same run. Sections can be picked by name; options go to the sections that know them.
//   npm run bench [-- server startup memory overhead bundle validator testwall proxy] [--seconds 5 --rounds 3 --runs 3 ...]
import { benchBundleSize } from './bundle-size.ts';
import { benchClientOverhead } from './client-overhead.ts';
import { benchMemory } from './memory.ts';
import { benchProxy } from './proxy.ts';
import { benchServers } from './server.ts';
import { benchStartup } from './startup.ts';
import { benchTestWall } from './test-wall.ts';
import { benchValidator } from './validator.ts';

const SECTIONS = {
  server: benchServers,
  startup: benchStartup,
  memory: benchMemory,
  overhead: benchClientOverhead,
  bundle: benchBundleSize,
  validator: benchValidator,
  testwall: benchTestWall,
  proxy: benchProxy,
};
type Section = keyof typeof SECTIONS;
const isSection = (name: string): name is Section => Object.hasOwn(SECTIONS, name);

// Words that are not an option or an option's value name sections.
const words = process.argv.slice(2).filter((arg, index, all) => !arg.startsWith('--') && !all[index - 1]?.startsWith('--'));
const unknown = words.filter((word) => !isSection(word));
if (unknown.length > 0) {
  console.error(`unknown section ${unknown.join(', ')}; known: ${Object.keys(SECTIONS).join(', ')}`);
  process.exit(2);
}
const chosen = words.length > 0 ? words.filter(isSection) : (Object.keys(SECTIONS) as Section[]);
console.log(`# seedance-contracts benchmarks (node ${process.version}, ${new Date().toISOString()})`);
for (const section of chosen) await SECTIONS[section]();
