// `seedance models`: the models each dialect's documents list (`info.x-known-models`: what its
// gateways are known to sell, not a rule) and the routing table.
import { DIALECT_IDS, KNOWN_MODELS } from '../../generated/dialects.ts';
import { defaultRoutes } from '../../src/routing.ts';
import { parseFlags } from '../args.ts';
import { EXIT } from '../output.ts';
import type { Session } from '../session.ts';

function documentedModels(): Record<string, string[]> {
  return Object.fromEntries(DIALECT_IDS.map((dialect) => [dialect, KNOWN_MODELS.filter((model) => model.dialect === dialect).map((model) => model.id)]));
}

export async function models(args: string[], session: Session): Promise<number> {
  parseFlags(args, {});
  const documented = documentedModels();
  const { output } = session;
  if (output.json) {
    output.event({ event: 'models', documented, routes: defaultRoutes.map(({ pattern, dialect, note }) => ({ pattern, dialect, note })) });
    return EXIT.ok;
  }
  output.result('Documented models, by dialect (what the gateways are known to sell; another id is sent and the gateway judges it):');
  for (const dialect of DIALECT_IDS)
    output.result(`  ${dialect}: ${documented[dialect]?.length ? documented[dialect].join(', ') : '(any model or endpoint id)'}`);
  output.result('Routing table (first match wins):');
  for (const route of defaultRoutes) output.result(`  ${route.pattern.padEnd(66)} -> ${route.dialect}  (${route.note})`);
  return EXIT.ok;
}
