// Base URLs: how a client is told where each dialect is served, and which URLs may receive the key.
//
// A base URL is given as one URL for every dialect, a template with `{dialect}` (what the CLI and
// SEEDANCE_BASE_URL take: `http://127.0.0.1:4010/{dialect}`), or one URL per dialect (the
// simulator's `urls` record). Whatever the form, the configured URLs are also the key's scope: a
// task handle whose base URL is not under one of them gets no request with the key.
import { DIALECT_FACTS, DIALECT_IDS, type DialectId, isDialectId } from '../generated/dialects.ts';

/** One URL, a `{dialect}` template, or one URL per dialect. */
export type BaseUrlOption = string | Partial<Record<DialectId, string>>;

export const DIALECT_PLACEHOLDER = '{dialect}';

/** The URL with `{dialect}` replaced by the dialect id (a URL without the placeholder is returned as it is). */
export function expandDialectTemplate(template: string, dialect: string): string {
  return template.replaceAll(DIALECT_PLACEHOLDER, dialect);
}

/** One URL per dialect from any accepted form, trailing slashes removed. Dialects without a URL are left out. */
export function resolveBaseUrls(option: BaseUrlOption): Partial<Record<DialectId, string>> {
  const urls: Partial<Record<DialectId, string>> = {};
  for (const dialect of DIALECT_IDS) {
    const url = typeof option === 'string' ? expandDialectTemplate(option, dialect) : option[dialect];
    if (url) urls[dialect] = url.replace(/\/+$/, '');
  }
  return urls;
}

/** Hostnames that name this machine: the only ones tests, benches and the simulator talk to. */
function isLoopbackHostname(hostname: string): boolean {
  const bare = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

/** Whether a URL (or URL text) points at this machine. Unparseable text is not loopback. */
export function isLoopbackUrl(url: string | URL): boolean {
  try {
    return isLoopbackHostname(new URL(url).hostname);
  } catch {
    return false;
  }
}

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/** The path with one trailing slash, so `/ark` is a prefix of `/ark/x` but not of `/arkive`. */
function directory(pathname: string): string {
  return pathname.endsWith('/') ? pathname : `${pathname}/`;
}

/**
 * Whether `candidate` lies under `configured`: same scheme, host, port and credentials, and a
 * path at or below the configured path (compared segment by segment, after the URL parser has
 * resolved `..` and percent-encoded dots).
 */
export function isUnderBaseUrl(candidate: string, configured: string): boolean {
  const target = parse(candidate);
  const base = parse(configured);
  if (!target || !base) return false;
  if (target.protocol !== base.protocol || target.host !== base.host || target.username !== base.username || target.password !== base.password) return false;
  return directory(target.pathname).startsWith(directory(base.pathname));
}

/** A base URL that names one dialect's gateway, and the base URL the dialect's documented paths go under. */
export interface GatewayDialect {
  dialect: DialectId;
  /** How the base URL names it: the simulator's `/<dialect>` prefix, a path only its SDKs use, or a host its document lists. */
  by: 'prefix' | 'path' | 'host';
  /** The base URL to send to: the one given, less a native SDK path (`/api/v3`), which the documented paths already begin with. */
  baseUrl: string;
}

/** The SDK base paths only one dialect's SDKs end in (`/api/v3`: ark; `/v1` is shared), from the documents. */
function ownedPaths(): Map<string, DialectId> {
  const owners = new Map<string, DialectId[]>();
  for (const id of DIALECT_IDS) owners.set(DIALECT_FACTS[id].sdkBasePath, [...(owners.get(DIALECT_FACTS[id].sdkBasePath) ?? []), id]);
  return new Map([...owners].filter(([, ids]) => ids.length === 1).map(([path, ids]) => [path, ids[0]!]));
}

/** The origins only one dialect's document lists among its servers (a templated server names no host). */
function ownedOrigins(): Map<string, DialectId> {
  const owners = new Map<string, Set<DialectId>>();
  for (const id of DIALECT_IDS)
    for (const server of DIALECT_FACTS[id].servers) {
      if (server.includes('{')) continue;
      const origin = parse(server)?.origin;
      if (origin) owners.set(origin, new Set([...(owners.get(origin) ?? []), id]));
    }
  return new Map([...owners].filter(([, ids]) => ids.size === 1).map(([origin, ids]) => [origin, [...ids][0]!]));
}

/**
 * The dialect a base URL names, when it names exactly one: the simulator's prefix (`.../ark`), a
 * native SDK path that only one dialect uses (`https://reseller.example/api/v3` is Ark's, given as
 * its SDKs take it), or a host only one document lists among its servers (`https://openrouter.ai`).
 * A gateway that speaks one dialect serves every model there, whatever the model's name suggests.
 */
export function dialectOfBaseUrl(url: string): GatewayDialect | undefined {
  const parsed = parse(url);
  if (!parsed || url.includes(DIALECT_PLACEHOLDER)) return undefined;
  const trimmed = url.replace(/\/+$/, '');
  const path = parsed.pathname.replace(/\/+$/, '');
  const last = path.split('/').at(-1);
  if (isDialectId(last)) return { dialect: last, by: 'prefix', baseUrl: trimmed };
  for (const [sdkPath, dialect] of ownedPaths()) {
    if (path === sdkPath || path.endsWith(sdkPath)) return { dialect, by: 'path', baseUrl: trimmed.slice(0, trimmed.length - sdkPath.length) };
  }
  const byHost = ownedOrigins().get(parsed.origin);
  return byHost ? { dialect: byHost, by: 'host', baseUrl: trimmed } : undefined;
}
