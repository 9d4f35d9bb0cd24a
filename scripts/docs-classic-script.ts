// Redoc as a classic script, so the reference pages work when opened from disk. `redocly build-docs`
// loads Redoc as an ES module (`<script type="module">import { hydrate } from ...`, plus a
// modulepreload link with integrity and crossorigin). Chromium refuses module scripts and CORS
// fetches from file:// (the origin is opaque), so only the server-rendered intro showed. A classic
// `<script src>` has no such restriction, and works over HTTP the same way.
import { Script } from 'node:vm';

/** The bundle ends with this ES export; in the classic copy it becomes a global `Redoc`. */
const BUNDLE_EXPORT = /export\s*\{\s*RedocStandalone\s*,\s*hydrate\s*,\s*init\s*\}\s*;?\s*$/;

/**
 * `import.meta` written as code (not inside the strings the bundle evals) is a syntax error in a
 * classic script. The bundle uses it only where its search library would start a Node worker
 * (`import.meta.dirname`) or a worker file (`import.meta.url`); in a browser page neither runs, and
 * the page's own URL is the honest stand-in.
 */
const IMPORT_META_IN_CODE = /(?<!["'`])\bimport\.meta\.(dirname|url)\b/g;

/** The ES-module Redoc bundle as a classic script that sets `window.Redoc`; fails if it would not parse. */
export function classicRedocScript(moduleSource: string): string {
  if (!BUNDLE_EXPORT.test(moduleSource)) throw new Error('the Redoc bundle no longer ends with export{RedocStandalone,hydrate,init}; check how it exports');
  // A module is strict code; the classic copy keeps that meaning with the directive.
  const classic = `"use strict";\n${moduleSource}`
    .replace(IMPORT_META_IN_CODE, (_, property: string) => (property === 'dirname' ? '""' : 'document.baseURI'))
    .replace(BUNDLE_EXPORT, 'window.Redoc = { RedocStandalone, hydrate, init };\n');
  try {
    new Script(classic, { filename: 'redoc.standalone.js' }); // compiles only: nothing runs
  } catch (error) {
    throw new Error(`the classic copy of the Redoc bundle does not parse as a script: ${error instanceof Error ? error.message : String(error)}`);
  }
  return classic;
}

/**
 * The page's module loader turned into a classic script tag and a classic inline script that
 * hydrates once the document is parsed (module scripts are deferred; this keeps that order).
 * The modulepreload link goes: it would be a CORS fetch from file://, and it is only a hint.
 */
export function useClassicScript(html: string, scriptName: string): string {
  const moduleScript = new RegExp(`<script type="module">\\s*import \\{ hydrate \\} from "\\./${scriptName.replace('.', '\\.')}";`);
  const hydrateCall = /\bhydrate\((__redoc_definition, __redoc_options, document\.getElementById\('redoc'\))\);/;
  if (!moduleScript.test(html) || !hydrateCall.test(html))
    throw new Error('build-docs output no longer loads Redoc with `import { hydrate }` and hydrate(...); check how it loads Redoc');
  return html
    .replace(/<link rel="modulepreload"[^>]*>\s*/g, '')
    .replace(moduleScript, `<script src="./${scriptName}"></script>\n    <script>`)
    .replace(hydrateCall, "document.addEventListener('DOMContentLoaded', function () { window.Redoc.hydrate($1); });");
}
