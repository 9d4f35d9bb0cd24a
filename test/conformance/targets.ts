// Where the conformance suite sends its requests.
//
// By default: one in-process Prism per dialect, started by the global setup, and every documented
// example is replayed and compared for deep equality.
//
// SEEDANCE_TARGET_URL switches to another server (the simulator, or a real gateway). It is one
// base URL for every dialect, or a template with `{dialect}`:
//   SEEDANCE_TARGET_URL='http://127.0.0.1:4010/{dialect}' npm run test:conformance
// SEEDANCE_API_KEY is the bearer key sent to it (never printed). SEEDANCE_TARGET_DIALECTS limits
// the run to some dialects (comma-separated). A target cannot be asked for a chosen example, so
// against it every response is checked against the contract's schema instead.
// Submitting creates real, billed tasks on a real gateway: against a host that is not loopback,
// submits run only with SEEDANCE_TARGET_ALLOW_SUBMIT=1.
import { DIALECTS, type Dialect } from '../../mocks/prism.ts';
import { expandDialectTemplate, isLoopbackUrl } from '../../src/base-url.ts';

export interface Target {
  /** 'prism': documented examples can be selected and must come back exactly. 'live': schema checks. */
  kind: 'prism' | 'live';
  urls: Partial<Record<Dialect, string>>;
  allowSubmit: boolean;
}

export function liveTargetFromEnv(env: NodeJS.ProcessEnv): Target | undefined {
  const template = env.SEEDANCE_TARGET_URL?.trim();
  if (!template) return undefined;
  const chosen = env.SEEDANCE_TARGET_DIALECTS?.split(',')
    .map((d) => d.trim())
    .filter(Boolean) ?? [...DIALECTS];
  const unknown = chosen.filter((d) => !(DIALECTS as readonly string[]).includes(d));
  if (unknown.length > 0) throw new Error(`SEEDANCE_TARGET_DIALECTS: unknown dialect ${unknown.join(', ')} (known: ${DIALECTS.join(', ')})`);
  const urls = Object.fromEntries(chosen.map((d) => [d, expandDialectTemplate(template, d).replace(/\/+$/, '')]));
  const loopback = Object.values(urls).every((url) => isLoopbackUrl(url));
  return { kind: 'live', urls, allowSubmit: loopback || env.SEEDANCE_TARGET_ALLOW_SUBMIT === '1' };
}

declare module 'vitest' {
  export interface ProvidedContext {
    conformanceTarget: Target;
  }
}
