// `seedance models`: the documented models of each dialect (from the contracts) and the routing table.
import { contracts } from '../../src/contracts/index.ts';
import { DIALECT_IDS } from '../../generated/dialects.ts';
import { defaultRoutes } from '../../src/routing.ts';
import { parseFlags } from '../args.ts';
import { EXIT } from '../output.ts';
import type { Session } from '../session.ts';

function documentedModels(): Record<string, string[]> {
  return Object.fromEntries(
    DIALECT_IDS.map((dialect) => {
      const schema = contracts[dialect].operations.createTask?.requestSchema as { properties?: { model?: { enum?: string[] } } } | undefined;
      return [dialect, schema?.properties?.model?.enum ?? []];
    }),
  );
}

export async function models(args: string[], session: Session): Promise<number> {
  parseFlags(args, {});
  const documented = documentedModels();
  const { output } = session;
  if (output.json) {
    output.event({ event: 'models', documented, routes: defaultRoutes.map(({ pattern, dialect, note }) => ({ pattern, dialect, note })) });
    return EXIT.ok;
  }
  output.result('Documented models, by dialect:');
  for (const dialect of DIALECT_IDS)
    output.result(`  ${dialect}: ${documented[dialect]?.length ? documented[dialect].join(', ') : '(any model or endpoint id)'}`);
  output.result('Routing table (first match wins):');
  for (const route of defaultRoutes) output.result(`  ${route.pattern.padEnd(66)} -> ${route.dialect}  (${route.note})`);
  return EXIT.ok;
}
