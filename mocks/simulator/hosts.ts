// Which Host a request may name, as Vite's `allowedHosts` decides it: the simulator's own host
// (bound address or base URL), loopback names and addresses, the host of `publicUrl`, and the hosts
// the caller adds. Any other Host is refused before anything else is read, so a web page that makes
// its own name resolve to 127.0.0.1 (DNS rebinding) cannot talk to the simulator through a browser.
import { isLoopbackAddress } from './callbacks.ts';

/** Hosts to accept besides the simulator's own and loopback: names (`.example.test` for it and every subdomain), or `true` for any. */
export type AllowedHosts = readonly string[] | true;

const bare = (host: string) =>
  host
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();

/** `localhost` and its subdomains (RFC 6761), and loopback addresses. */
export function isLoopbackHost(hostname: string): boolean {
  const host = bare(hostname);
  return host === 'localhost' || host.endsWith('.localhost') || isLoopbackAddress(host);
}

/** The judge of a request's hostname, for a simulator known by `own` hosts (its bound address or base, its publicUrl's). */
export function hostJudge(own: readonly string[], allowed: AllowedHosts = []): (hostname: string) => boolean {
  if (allowed === true) return () => true;
  const exact = new Set([...own, ...allowed.filter((host) => !host.startsWith('.'))].map(bare));
  const suffixes = allowed.filter((host) => host.startsWith('.')).map(bare);
  return (hostname) => {
    const host = bare(hostname);
    return exact.has(host) || isLoopbackHost(host) || suffixes.some((suffix) => host === suffix.slice(1) || host.endsWith(suffix));
  };
}
