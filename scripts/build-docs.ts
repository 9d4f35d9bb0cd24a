// Builds the offline site in docs/: one Redoc page per dialect (`redocly build-docs`), a page per
// guide (docs/guides/*.md, scripts/docs-guides.ts), and docs/index.html, which links them all and
// searches them. The pages work with no network:
// Redocly's output loads redoc.standalone.js from cdn.redocly.com, so the copy shipped inside
// @redocly/cli is put next to the pages and referenced by a relative URL instead.
//   npx tsx scripts/build-docs.ts        (npm run docs)
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked } from 'marked';
import { OPERATION_METHODS } from '../src/openapi.ts';
import { type SourceDocument, loadContracts } from '../codegen/contract-loader.ts';
import { classicRedocScript, useClassicScript } from './docs-classic-script.ts';
import { type CodeSample, type OperationSamples, sampleOrder, samplesFor, samplesNote } from './docs-samples.ts';
import { deref } from '../codegen/contract-loader.ts';
import {
  type Guide,
  GUIDES_DIR,
  GUIDES_SUBDIR,
  guideEntries,
  loadGuides,
  plainText,
  renderGuidePage,
  SEARCH_SCRIPT_NAME,
  SEARCH_SCRIPT_SOURCE,
  type SearchEntry,
  searchBlock,
} from './docs-guides.ts';
import { authenticationMarkdown, authenticationOf, gatewayFactsOf, type AuthScheme, type GatewayFacts } from './docs-gateways.ts';

const ROOT = resolve(import.meta.dirname, '..');
const DOCS_DIR = join(ROOT, 'docs');
const REDOCLY_CLI_DIR = join(ROOT, 'node_modules/@redocly/cli');
const REDOCLY_BIN = join(REDOCLY_CLI_DIR, 'bin/cli.js');
/** The bundle build-docs itself links (from the CDN, with an integrity hash of this file). */
const REDOC_SCRIPT_SOURCE = join(REDOCLY_CLI_DIR, 'lib/chunks/redoc.standalone.js');
export const REDOC_SCRIPT_NAME = 'redoc.standalone.js';
const CDN_SCRIPT = /https:\/\/cdn\.redocly\.com\/redoc\/v([^/"']+)\/bundles\/redoc\.standalone\.js/g;

type JsonObject = { [key: string]: unknown };

export interface DocsOperation {
  operationId: string;
  method: string;
  path: string;
  summary: string;
  /** The description as plain text (what the index page's search reads). */
  description: string;
  source: string;
  /** The code samples shown beside the operation (`x-codeSamples`), in tab order. */
  samples: CodeSample[];
}

export interface DialectPage {
  dialect: string;
  alias: string;
  /** File name of the page inside the docs directory. */
  file: string;
  title: string;
  description: string;
  servers: { url: string; description: string }[];
  operations: DocsOperation[];
  /** How the key is sent (components.securitySchemes used by the document's security). */
  auth: AuthScheme[];
  /** Submit and poll paths and model names: how a reader tells this dialect from the others. */
  gateway: GatewayFacts;
}

export interface DocsBuild {
  outDir: string;
  pages: DialectPage[];
  guides: Guide[];
  /** Version of the Redoc bundle copied next to the pages (from its licence header). */
  redocVersion: string;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

// ---------------------------------------------------------------------------------------------
// Running Redocly

/** Redocly with telemetry and the update check off, its output kept for the error message only. */
function redocly(args: string[]): Promise<void> {
  const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true', DO_NOT_TRACK: '1' };
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [REDOCLY_BIN, ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolvePromise();
      else reject(new Error(`redocly ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Reading and annotating the bundled document

function operationsOf(document: JsonObject): { method: string; path: string; operation: JsonObject }[] {
  const paths = isObject(document.paths) ? document.paths : {};
  return Object.entries(paths).flatMap(([path, item]) =>
    OPERATION_METHODS.filter((method) => isObject(item) && isObject(item[method])).map((method) => ({
      method,
      path,
      operation: (item as JsonObject)[method] as JsonObject,
    })),
  );
}

/** The x-source text shown literally (`_constants.py` or `[1, 500]` are not markdown). */
function escapeMarkdown(value: string): string {
  return value.replace(/[\\`*_[\]<>#|]/g, (character) => `\\${character}`);
}

/** One markdown bullet per x-rules entry: id, field and rule text (how it is enforced is in the schema). */
function rulesMarkdown(rules: unknown): string {
  if (!Array.isArray(rules) || rules.length === 0) return '';
  const bullets = rules.filter(isObject).map((rule) => `- \`${text(rule.id)}\` (\`${text(rule.field)}\`): ${text(rule.description).trim()}`);
  return `\n\n**Rules** (\`x-rules\`):\n\n${bullets.join('\n')}`;
}

/** A line that starts a markdown block of its own (list item, heading, table row, quote, fence, rule). */
const BLOCK_START = /^\s*(?:[-*+]\s|\d+[.)]\s|#|\||>|<|```|~~~|(?:-{3,}|\*{3,}|_{3,}|=+)\s*$)/;

/**
 * A description with each soft line break (a newline inside a paragraph, which markdown renders as
 * a space) written as the space it renders as. Redoc's search index drops newlines, so the snippets
 * it shows ran the words either side together ("producedasynchronously"). Hard breaks, code,
 * lists, tables and headings keep their lines.
 */
export function unwrapSoftBreaks(markdown: string): string {
  const out: string[] = [];
  let fenced = false;
  for (const line of markdown.split('\n')) {
    const previous = out.at(-1);
    // A fence opens or closes code, in a quote too.
    const fence = /^\s*(>\s?)*(```|~~~)/.test(line);
    // Two lines of one quote join as their text does.
    const quoted = previous !== undefined && QUOTE.test(previous) && QUOTE.test(line);
    const text = quoted ? line.replace(QUOTE, '') : line;
    if (!fenced && !fence && previous !== undefined && softBreak(quoted ? previous.replace(QUOTE, '') : previous, text)) {
      out[out.length - 1] = `${previous.trimEnd()} ${text.trim()}`;
    } else out.push(line);
    if (fence) fenced = !fenced;
  }
  return out.join('\n');
}

const QUOTE = /^\s*>\s?/;

/** Whether the break between two lines is a soft one: both hold text of one paragraph. */
function softBreak(previous: string, line: string): boolean {
  return (
    previous.trim() !== '' &&
    line.trim() !== '' &&
    !BLOCK_START.test(line) &&
    // A heading or a table row ends at its line; so does a hard break (two spaces or a backslash).
    !/^\s*(#|\|)/.test(previous) &&
    !/( {2}|\\)$/.test(previous) &&
    // An indented code block's lines stay lines.
    !/^( {4}|\t)/.test(previous)
  );
}

/** Every `description` in the document, soft breaks unwrapped (see unwrapSoftBreaks). */
function unwrapDescriptions(node: unknown): void {
  if (Array.isArray(node)) for (const member of node) unwrapDescriptions(member);
  else if (isObject(node)) {
    for (const [key, value] of Object.entries(node)) {
      if (key === 'description' && typeof value === 'string') node[key] = unwrapSoftBreaks(value);
      else unwrapDescriptions(value);
    }
  }
}

/** The named examples of a media type object, the one called `name` first (Redoc selects the first). */
function putFirst(document: JsonObject, holder: unknown, name: string): void {
  const media: JsonObject | undefined = isObject(holder) ? deref(document, holder) : undefined;
  const examples = media?.examples;
  if (!media || !isObject(examples) || !(name in examples)) return;
  media.examples = { [name]: examples[name], ...examples };
}

/**
 * Redoc renders an operation's description but none of its extensions, so provenance and rules
 * are appended to the description of the temporary copy (openapi/*.yaml stay as they are). The
 * code samples generated from the examples are added as `x-codeSamples`, which Redoc shows in the
 * request panel's language menu; the example they show is moved first among the request examples
 * and its answer first among the response examples, so the panels open on the example the samples send.
 */
function annotate(document: JsonObject, samples: OperationSamples[], note: string): void {
  // The Authentication section at the top of the page (Redoc 3 does not render securitySchemes),
  // then what the code samples are and where they send.
  if (isObject(document.info)) document.info.description = `${text(document.info.description).trimEnd()}${authenticationMarkdown(document)}\n\n${note}\n`;
  unwrapDescriptions(document);
  for (const { operation } of operationsOf(document)) {
    const source = escapeMarkdown(text(operation['x-source']));
    const description = text(operation.description).trimEnd();
    operation.description = `${description}\n\n**Source:** ${source}${rulesMarkdown(operation['x-rules'])}\n`;
    const shown = samples.find((candidate) => candidate.operationId === text(operation.operationId));
    if (!shown) continue;
    operation['x-codeSamples'] = shown.samples.map(({ lang, label, source: code }) => ({ lang, label, source: code }));
    const { name, status } = shown.example;
    const body = isObject(operation.requestBody) ? deref(document, operation.requestBody) : undefined;
    for (const media of Object.values(isObject(body?.content) ? body.content : {})) putFirst(document, media, name);
    const response = isObject(operation.responses) ? operation.responses[String(status)] : undefined;
    const answer = isObject(response) ? deref(document, response) : undefined;
    for (const media of Object.values(isObject(answer?.content) ? answer.content : {})) putFirst(document, media, name);
  }
}

/**
 * The Redocly configuration build-docs renders with: Redoc lists only the sample languages its
 * configuration names (by default curl, JavaScript, Python, ...), so it names the labels the
 * samples use, then the payload. Telemetry stays off, as in redocly.yaml.
 */
function docsConfig(labels: string[]): string {
  const languages = [
    ...[...labels].sort((a, b) => sampleOrder(a) - sampleOrder(b)).map((label) => ({ lang: label === 'curl' ? 'curl' : 'TypeScript', label })),
    { lang: 'Payload' },
  ];
  return `${JSON.stringify({ telemetry: 'off', openapi: { codeSamples: { languages } } }, null, 2)}\n`;
}

/** Markdown as HTML (for the search's plain text of a description). */
function markdownHtml(markdown: string): string {
  return new Marked().parse(markdown, { async: false });
}

function describePage(alias: string, document: JsonObject, samples: OperationSamples[]): DialectPage {
  const info = isObject(document.info) ? document.info : {};
  const dialect = text(info['x-dialect']) || alias.split('@')[0]!;
  return {
    dialect,
    alias,
    file: `${dialect}.html`,
    title: text(info.title),
    description: text(info.description),
    servers: (Array.isArray(document.servers) ? document.servers : [])
      .filter(isObject)
      .map((server) => ({ url: text(server.url), description: text(server.description) })),
    operations: operationsOf(document).map(({ method, path, operation }) => ({
      operationId: text(operation.operationId),
      method: method.toUpperCase(),
      path,
      summary: text(operation.summary),
      description: plainText(markdownHtml(text(operation.description))),
      source: text(operation['x-source']),
      samples: samples.find((candidate) => candidate.operationId === text(operation.operationId))?.samples ?? [],
    })),
    auth: authenticationOf(document),
    gateway: gatewayFactsOf(document),
  };
}

// ---------------------------------------------------------------------------------------------
// Making the page self-contained

/** Version from the licence header of the bundle (`* Version: 3.0.1`). */
function redocVersionOf(script: string): string {
  const version = /\*\s*Version:\s*(\S+)/.exec(script.slice(0, 500))?.[1];
  if (!version) throw new Error(`${REDOC_SCRIPT_SOURCE}: no version in the licence header`);
  return version;
}

/** A wordmark drawn in place of Redocly's logo, as a data: URL (nothing to fetch). */
function logoDataUrl(label: string, width: number): string {
  const text = `<text x="0" y="11" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044D4">${label}</text>`;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="14" viewBox="0 0 ${width} 14">${text}</svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}

/**
 * Images the hydrated bundle itself loads from a CDN: the "API docs by Redocly" badge in the
 * sidebar, which no Redoc option turns off. The copy shipped in docs/ draws the wordmark from a
 * data: URL instead (the attribution and its link stay).
 */
const BUNDLE_REMOTE_IMAGES: [string, string][] = [
  ['https://cdn.redoc.ly/redoc/logo-mini-full.svg', logoDataUrl('Redocly', 52)],
  ['https://cdn.redoc.ly/redoc/logo-mini.svg', logoDataUrl('R', 10)],
];

/** The Redoc bundle as served from docs/: Redocly's own copy, its CDN images made local, as a classic script. */
function localRedocScript(): string {
  return classicRedocScript(
    BUNDLE_REMOTE_IMAGES.reduce((script, [remote, local]) => script.replaceAll(remote, local), readFileSync(REDOC_SCRIPT_SOURCE, 'utf8')),
  );
}

/**
 * Points the page at the local bundle, loaded as a classic script (docs-classic-script.ts: module
 * scripts do not run from file://). The CDN URL names the Redoc version the server-side render
 * was made with; the local bundle must be that version, or hydration would not match. There is
 * no integrity attribute: under file:// the browser cannot check one (it needs a CORS fetch),
 * and the file sits next to the page, from the same build.
 */
function useLocalRedoc(html: string, localVersion: string): string {
  const versions = new Set([...html.matchAll(CDN_SCRIPT)].map((match) => match[1]));
  if (versions.size === 0) throw new Error('build-docs output no longer references the Redoc CDN bundle; check how it loads Redoc');
  for (const version of versions) {
    if (version !== localVersion) throw new Error(`page was rendered for Redoc ${version}, but the local bundle is ${localVersion}`);
  }
  return (
    useClassicScript(html.replace(CDN_SCRIPT, `./${REDOC_SCRIPT_NAME}`), REDOC_SCRIPT_NAME)
      // Without an icon the browser asks for /favicon.ico, which does not exist: a 404 per page.
      .replace('</head>', '  <link rel="icon" href="data:,">\n</head>')
  );
}

/**
 * URLs in the page that a browser would fetch on its own (scripts, stylesheets, fonts, images,
 * module imports, CSS url() and @import) and that are not relative or data:. Links a reader
 * clicks (`<a href>`) and URLs inside the embedded API definition are not fetched, so not listed.
 */
export function findRemoteFetches(html: string): string[] {
  const remote = /^(?:[a-z][a-z0-9+.-]*:)?\/\//i;
  const candidates = [
    ...[...html.matchAll(/<(?:script|img|iframe|source|video|audio|embed|track|input|frame)\b[^>]*?\s(?:src|poster|data)\s*=\s*["']?([^"'\s>]+)/gi)].map(
      (m) => m[1],
    ),
    ...[...html.matchAll(/<link\b[^>]*?\shref\s*=\s*["']?([^"'\s>]+)/gi)].map((m) => m[1]),
    ...[...html.matchAll(/\ssrcset\s*=\s*["']([^"']+)["']/gi)].flatMap((m) => (m[1] ?? '').split(',').map((part) => part.trim().split(/\s+/)[0])),
    ...[...html.matchAll(/\bimport\s*(?:[^'"()]*?\sfrom\s*)?\(?\s*["']([^"']+)["']/g)].map((m) => m[1]),
    ...[...html.matchAll(/url\(\s*["']?([^"')\s]+)/gi)].map((m) => m[1]),
    ...[...html.matchAll(/@import\s+(?:url\()?\s*["']?([^"')\s;]+)/gi)].map((m) => m[1]),
  ];
  return [...new Set(candidates.filter((url): url is string => typeof url === 'string' && remote.test(url)))];
}

function assertSelfContained(file: string, html: string): void {
  const remote = findRemoteFetches(html);
  if (remote.length > 0) throw new Error(`${file} would fetch from the network: ${remote.join(', ')}`);
}

// ---------------------------------------------------------------------------------------------
// One dialect page

/** The Redoc bundle a page loads. */
interface LocalRedoc {
  version: string;
}

/** One page per API of redocly.yaml, from the document as the contract loader bundled it (so a new dialect there gets a page). */
async function buildPage(contract: SourceDocument, workDir: string, outDir: string, redoc: LocalRedoc): Promise<DialectPage> {
  const { alias, document } = contract;
  const bundled = join(workDir, `${alias.replace(/[^a-z0-9-]/gi, '_')}.json`);
  const samples = await samplesFor(contract);
  const page = describePage(alias, document, samples);
  annotate(document, samples, samplesNote(contract));
  writeFileSync(bundled, JSON.stringify(document, null, 2));
  const config = `${bundled}.redocly.yaml`;
  writeFileSync(config, docsConfig([...new Set(samples.flatMap((operation) => operation.samples.map((sample) => sample.label)))]));

  const output = join(outDir, page.file);
  await redocly(['build-docs', bundled, '--output', output, '--title', page.title, '--config', config]);
  const html = useLocalRedoc(readFileSync(output, 'utf8'), redoc.version);
  assertSelfContained(page.file, html);
  writeFileSync(output, html);
  return page;
}

// ---------------------------------------------------------------------------------------------
// The index page

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The little markdown the info descriptions use in running text: `code` and **bold**. */
function inlineMarkdown(value: string): string {
  return escapeHtml(value)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** The first paragraph of info.description: what the dialect is (the rest is on its page). */
function firstParagraph(markdown: string): string {
  return (markdown.trim().split(/\n\s*\n/)[0] ?? '').replace(/\s*\n\s*/g, ' ');
}

function indexRow(page: DialectPage): string {
  const servers = page.servers
    .map((server) => `<li><code>${escapeHtml(server.url)}</code><br><small>${inlineMarkdown(server.description)}</small></li>`)
    .join('');
  const operations = page.operations.map((operation) => `<li><code>${operation.method} ${escapeHtml(operation.path)}</code></li>`).join('');
  return `
      <tr>
        <td><a href="./${escapeHtml(page.file)}"><code>${escapeHtml(page.dialect)}</code></a></td>
        <td><a href="./${escapeHtml(page.file)}"><strong>${escapeHtml(page.title)}</strong></a><p>${inlineMarkdown(firstParagraph(page.description))}</p></td>
        <td><ul>${servers}</ul><details><summary>paths</summary><ul>${operations}</ul></details></td>
        <td class="count">${page.operations.length}</td>
      </tr>`;
}

/** One row per dialect: the gateways that speak it, the paths and model names that give it away. */
function gatewayRow(page: DialectPage): string {
  const gateways = page.gateway.servers
    .map((server) => `<li>${inlineMarkdown(server.description.split(/(?<=\.)\s/)[0] ?? '')}<br><code>${escapeHtml(server.url)}</code></li>`)
    .join('');
  const models = page.gateway.models.map((model) => `<code>${escapeHtml(model)}</code>`).join(', ');
  return `
      <tr>
        <td><ul>${gateways}</ul></td>
        <td>submit <code>${escapeHtml(page.gateway.submit)}</code><br>poll <code>${escapeHtml(page.gateway.poll)}</code></td>
        <td class="models">${models}</td>
        <td><a href="./${escapeHtml(page.file)}"><code>${escapeHtml(page.dialect)}</code></a></td>
      </tr>`;
}

function authRow(page: DialectPage): string {
  return page.auth
    .map(
      (scheme) => `
      <tr>
        <td><a href="./${escapeHtml(page.file)}"><code>${escapeHtml(page.dialect)}</code></a></td>
        <td>${escapeHtml(scheme.carrier)}</td>
        <td><code>${escapeHtml(scheme.value)}</code></td>
        <td>${inlineMarkdown(scheme.description.replace(/\s*\n\s*/g, ' '))}</td>
      </tr>`,
    )
    .join('');
}

/** The style the index and the guide pages share. */
const STYLE = `
    body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; line-height: 1.45; color: #222; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid #ccc; padding: .5rem .75rem; text-align: left; vertical-align: top; }
    th { background: #f3f3f3; }
    td p { margin: .3rem 0 0; }
    ul { margin: 0; padding-left: 1.1rem; }
    code { font-size: .9em; }`;

/** The list of guides on the index page: title and first paragraph. */
function guideList(guides: Guide[]): string {
  return guides
    .map((guide) => `\n      <li><a href="./${escapeHtml(guide.file)}">${escapeHtml(guide.title)}</a><br><small>${escapeHtml(guide.summary)}</small></li>`)
    .join('');
}

/** The search entries of the reference: one per operation of every page. */
function operationEntries(pages: DialectPage[]): SearchEntry[] {
  return pages.flatMap((page) =>
    page.operations.map((operation) => ({
      id: `${page.dialect}#${operation.operationId}`,
      kind: 'operation' as const,
      title: operation.summary,
      where: page.dialect,
      // Redoc's deep link by operationId, which it turns into its own anchor once the page is up.
      url: `./${page.file}#operation/${operation.operationId}`,
      text: `${operation.method} ${operation.path} (${operation.operationId}). ${operation.description}`,
    })),
  );
}

function renderIndex(pages: DialectPage[], guides: Guide[], search: SearchEntry[], redocVersion: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>Seedance gateway contracts: guides and API reference</title>
  <link rel="icon" href="data:,">
  <style>${STYLE}
    .count { text-align: right; }
    .search { margin: 1rem 0 2rem; }
    .search input { display: block; width: 100%; font-size: 1.1rem; padding: .4rem .6rem; margin-top: .3rem; box-sizing: border-box; }
    #search-results { list-style: none; padding: 0; }
    #search-results li { margin: .6rem 0; }
    #search-results p { margin: .1rem 0 0; color: #444; font-size: .9rem; }
  </style>
</head>
<body>
  <h1>Seedance gateway contracts: guides and API reference</h1>${searchBlock(search)}

  <h2 id="guides">Guides</h2>
  <ul class="guides">${guideList(guides)}
  </ul>

  <h2 id="reference">API reference</h2>
  <p>One page per dialect, rendered from <code>openapi/*.yaml</code> with Redoc ${escapeHtml(redocVersion)} (served from this directory, no network needed).
  Each operation names its provenance (<strong>Source:</strong>, from <code>x-source</code>) and its rules (<code>x-rules</code>).</p>
  <table>
    <thead>
      <tr><th>dialect</th><th>document</th><th>gateway surface</th><th>operations</th></tr>
    </thead>
    <tbody>${pages.map(indexRow).join('')}
    </tbody>
  </table>

  <h2 id="which-dialect">Which dialect does my gateway speak?</h2>
  <p>Find the path your gateway's documentation shows for creating a video (or the model name it sells); the row names the dialect.
  The same base URL and key then work with <code>createClient</code>, the simulator and the contract checks for that dialect.</p>
  <table class="gateways">
    <thead>
      <tr><th>gateway</th><th>paths</th><th>model names</th><th>dialect</th></tr>
    </thead>
    <tbody>${pages.map(gatewayRow).join('')}
    </tbody>
  </table>

  <h2 id="authentication">Authentication</h2>
  <p>Every operation of every dialect needs the gateway's API key, sent as below (from each document's <code>securitySchemes</code>).
  The key is issued by the gateway (its dashboard); the simulator accepts any non-empty key.</p>
  <table class="auth">
    <thead>
      <tr><th>dialect</th><th>where the key goes</th><th>value</th><th>notes</th></tr>
    </thead>
    <tbody>${pages.map(authRow).join('')}
    </tbody>
  </table>
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------

/**
 * Empties outDir of earlier build output. The guides' Markdown sources (docs/guides/*.md) live in
 * the same tree and are kept.
 */
function cleanOutput(outDir: string): void {
  mkdirSync(outDir, { recursive: true });
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const path = join(outDir, entry.name);
    if (entry.isDirectory() && entry.name === GUIDES_SUBDIR) {
      for (const file of readdirSync(path)) if (!file.endsWith('.md')) rmSync(join(path, file), { recursive: true, force: true });
    } else rmSync(path, { recursive: true, force: true });
  }
}

/** MiniSearch's browser build as served from docs/ (without its source-map comment, whose map is not copied). */
function localSearchScript(): string {
  return readFileSync(SEARCH_SCRIPT_SOURCE, 'utf8').replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/** Writes one page per guide into outDir/guides. */
function writeGuides(guides: Guide[], outDir: string): void {
  mkdirSync(join(outDir, GUIDES_SUBDIR), { recursive: true });
  for (const guide of guides) {
    const html = renderGuidePage(guide, guides, STYLE);
    assertSelfContained(guide.file, html);
    writeFileSync(join(outDir, guide.file), html);
  }
}

/** Builds every page into outDir (its earlier output removed first; the guides' sources stay). */
export async function buildDocs(outDir: string = DOCS_DIR): Promise<DocsBuild> {
  if (!existsSync(REDOC_SCRIPT_SOURCE)) throw new Error(`${REDOC_SCRIPT_SOURCE} is missing: is @redocly/cli installed (npm ci)?`);
  const script = localRedocScript();
  const redoc: LocalRedoc = { version: redocVersionOf(script) };
  cleanOutput(outDir);
  writeFileSync(join(outDir, REDOC_SCRIPT_NAME), script);
  writeFileSync(join(outDir, SEARCH_SCRIPT_NAME), localSearchScript());
  const guides = loadGuides(GUIDES_DIR);
  writeGuides(guides, outDir);
  const workDir = mkdtempSync(join(tmpdir(), 'seedance-docs-'));
  try {
    const pages = await Promise.all(loadContracts().map((contract) => buildPage(contract, workDir, outDir, redoc)));
    const index = renderIndex(pages, guides, [...guideEntries(guides), ...operationEntries(pages)], redoc.version);
    assertSelfContained('index.html', index);
    writeFileSync(join(outDir, 'index.html'), index);
    return { outDir, pages, guides, redocVersion: redoc.version };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const build = await buildDocs();
  for (const page of build.pages) console.log(`docs/${page.file}: ${page.dialect}, ${page.operations.length} operations`);
  for (const guide of build.guides) console.log(`docs/${guide.file}: ${guide.title}`);
  console.log(`docs/index.html; docs/${REDOC_SCRIPT_NAME}: Redoc ${build.redocVersion} from ${relative(ROOT, REDOC_SCRIPT_SOURCE)}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
