// The packed package's client in a browser: esbuild bundles a module of the consumer project for
// the browser (from that project, so the package resolves from its node_modules with the browser's
// conditions, and any `node:` import fails the bundle), a loopback server serves a page that loads
// the bundle, and headless Chromium calls the bundle's functions, whose results come back through
// Playwright. Every request the page makes is recorded. The page's server serves nothing else: a
// simulator the page calls is on another origin, as a gateway would be.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM } from './runtimes.ts';

export interface BrowserBundle {
  code: string;
  /** The files the bundle was made of, relative to the project. */
  inputs: string[];
}

/** `entry` (a module of the project at projectDir) as one classic script that sets `globalThis.harness` to its exports. */
export async function bundleForBrowser(projectDir: string, entry: string): Promise<BrowserBundle> {
  const result = await build({
    absWorkingDir: projectDir,
    entryPoints: [entry],
    bundle: true,
    platform: 'browser',
    format: 'iife',
    globalName: 'harness',
    target: 'es2022',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  return { code: result.outputFiles[0]!.text, inputs: Object.keys(result.metafile.inputs) };
}

export interface HarnessServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  close(): Promise<void>;
}

// No favicon: the page's only requests are its own and the client's.
const PAGE =
  '<!doctype html><meta charset="utf-8"><title>seedance-contracts in a browser</title><link rel="icon" href="data:,"><script src="/harness.js"></script>\n';

/** Serves the page and the bundle on loopback. */
export async function serveHarness(bundle: BrowserBundle): Promise<HarnessServer> {
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const body = path === '/' ? PAGE : path === '/harness.js' ? bundle.code : undefined;
    if (request.method !== 'GET' || body === undefined) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    const type = path === '/' ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8';
    response.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' }).end(body);
  });
  await new Promise<void>((resolveListen) => server.listen(0, '127.0.0.1', resolveListen));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}

/** Headless Chromium with the flags test/docs/ uses: no sandbox (root in a container), nothing fetched in the background. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-quic',
      '--disable-sync',
    ],
  });
}

export interface HarnessPage {
  page: Page;
  /** Every URL the page requested, in order. */
  requests: string[];
  /** Uncaught errors and console errors of the page. */
  errors: string[];
  /** Calls the bundle's exported function `name` in the page and resolves to what it resolved to. */
  call<T>(name: string, ...args: unknown[]): Promise<T>;
  close(): Promise<void>;
}

/** Opens the harness page at origin in a fresh context and waits for the bundle to load. */
export async function openHarness(browser: Browser, origin: string): Promise<HarnessPage> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(`${origin}/`);
  await page.waitForFunction(() => 'harness' in globalThis);
  return {
    page,
    requests,
    errors,
    call: <T>(name: string, ...args: unknown[]) =>
      page.evaluate(([fn, rest]) => (globalThis as unknown as { harness: Record<string, (...a: unknown[]) => Promise<unknown>> }).harness[fn]!(...rest), [
        name,
        args,
      ] as [string, unknown[]]) as Promise<T>,
    close: () => context.close(),
  };
}
