// The guides beside the reference: hand-written Markdown in docs/guides/*.md (the README sends
// readers there), rendered by `npm run docs` into pages of the same offline site,
// docs/guides/<name>.html, and indexed with the reference's operations for the index page's
// search. Markdown is rendered by marked (no dependencies; GitHub's heading ids from
// marked-gfm-heading-id, so a link to `client.md#install-in-your-project` works on GitHub and in
// the site alike). The search is MiniSearch's, run in the page over an index written into it,
// so it works from disk with no request at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Marked, type Token, type Tokens } from 'marked';
import { getHeadingList, gfmHeadingId } from 'marked-gfm-heading-id';

const ROOT = resolve(import.meta.dirname, '..');
/** Where the guides are written, and where their pages go inside the site. */
export const GUIDES_DIR = join(ROOT, 'docs', 'guides');
export const GUIDES_SUBDIR = 'guides';
/** The search library's browser build, copied next to the index page. */
export const SEARCH_SCRIPT_SOURCE = join(ROOT, 'node_modules/minisearch/dist/umd/index.js');
export const SEARCH_SCRIPT_NAME = 'minisearch.js';

/** A part of a guide under one heading: what the search finds and links to. */
export interface GuideSection {
  heading: string;
  /** The heading's id in the page (GitHub's slug). */
  anchor: string;
  text: string;
}

export interface Guide {
  /** File name without `.md`. */
  name: string;
  /** The page, relative to the site's root: `guides/<name>.html`. */
  file: string;
  /** The first `#` heading. */
  title: string;
  /** The first paragraph, as plain text. */
  summary: string;
  /** The rendered body (HTML). */
  html: string;
  sections: GuideSection[];
}

/** One entry of the index page's search: a section of a guide, or an operation of a reference page. */
export interface SearchEntry {
  id: string;
  kind: 'guide' | 'operation';
  title: string;
  /** The guide's title, or the dialect. */
  where: string;
  /** Relative to the index page. */
  url: string;
  text: string;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/** Rendered HTML as the plain text a reader sees, one space between words. */
export function plainText(html: string): string {
  return html
    .replace(/<\/?(?:a|b|code|em|i|kbd|small|span|strong|sub|sup)\b[^>]*>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_, name: string) => ENTITIES[name] ?? '')
    .replace(/\s+/g, ' ')
    .trim();
}

function escapeHtml(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A link between guides is written to the Markdown file (`./simulator.md#journal`), which GitHub
 * follows; in the site it goes to that guide's page. Other links are kept as written.
 */
function siteHref(href: string, guides: ReadonlySet<string>): string {
  const match = /^(?:\.\/)?([\w.-]+)\.md(#.*)?$/.exec(href);
  return match && guides.has(match[1]!) ? `./${match[1]}.html${match[2] ?? ''}` : href;
}

/** A marked instance of its own per guide (heading ids restart at each document). */
function renderer(guides: ReadonlySet<string>): Marked {
  return new Marked(gfmHeadingId(), {
    gfm: true,
    walkTokens(token: Token) {
      if (token.type === 'link') (token as Tokens.Link).href = siteHref((token as Tokens.Link).href, guides);
    },
  });
}

/** The guide's parts under each `##`/`###` heading (the text before the first is the guide's own). */
function sectionsOf(tokens: Token[], marked: Marked, anchors: Array<{ level: number; id: string; raw: string }>): GuideSection[] {
  const sections: GuideSection[] = [];
  let headingIndex = 0;
  let current: { heading: string; anchor: string; tokens: Token[] } | undefined;
  const close = () => {
    if (current) sections.push({ heading: current.heading, anchor: current.anchor, text: plainText(marked.parser(current.tokens)) });
  };
  for (const token of tokens) {
    if (token.type === 'heading') {
      const anchor = anchors[headingIndex++];
      if ((token as Tokens.Heading).depth === 1) continue;
      close();
      current = { heading: plainText(marked.parseInline((token as Tokens.Heading).text) as string), anchor: anchor?.id ?? '', tokens: [] };
    } else current?.tokens.push(token);
  }
  close();
  return sections;
}

/** Every guide in docs/guides, by file name. */
export function loadGuides(dir = GUIDES_DIR): Guide[] {
  const names = readdirSync(dir)
    .filter((file) => file.endsWith('.md'))
    .map((file) => file.slice(0, -3))
    .sort();
  const known = new Set(names);
  return names.map((name) => {
    const source = readFileSync(join(dir, `${name}.md`), 'utf8');
    const marked = renderer(known);
    const html = marked.parse(source) as string;
    const anchors = getHeadingList();
    const tokens = marked.lexer(source);
    const title = tokens.find((token): token is Tokens.Heading => token.type === 'heading' && token.depth === 1);
    if (!title) throw new Error(`docs/guides/${name}.md: no "# title" heading`);
    const first = tokens.find((token): token is Tokens.Paragraph => token.type === 'paragraph');
    return {
      name,
      file: `${GUIDES_SUBDIR}/${name}.html`,
      title: plainText(marked.parseInline(title.text) as string),
      summary: first ? plainText(marked.parseInline(first.text) as string) : '',
      html,
      sections: sectionsOf(tokens, renderer(known), anchors),
    };
  });
}

/** A page of the site for one guide: the rendered Markdown, with the way back to the index and to the other guides. */
export function renderGuidePage(guide: Guide, guides: Guide[], style: string): string {
  const nav = guides
    .map((other) =>
      other.name === guide.name
        ? `<li aria-current="page">${escapeHtml(other.title)}</li>`
        : `<li><a href="./${other.name}.html">${escapeHtml(other.title)}</a></li>`,
    )
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${escapeHtml(guide.title)} · Seedance gateway contracts</title>
  <link rel="icon" href="data:,">
  <style>${style}
    nav.guides { font-size: .9rem; border-bottom: 1px solid #ddd; margin-bottom: 1.5rem; padding-bottom: .5rem; }
    nav.guides ul { display: flex; flex-wrap: wrap; gap: .25rem 1rem; list-style: none; padding: 0; margin: .25rem 0 0; }
    pre { background: #f6f8fa; padding: .75rem 1rem; overflow-x: auto; line-height: 1.35; }
    pre code { font-size: .85em; }
    :not(pre) > code { background: #f3f3f3; padding: 0 .2em; border-radius: 3px; }
  </style>
</head>
<body>
  <nav class="guides"><a href="../index.html">Seedance gateway contracts: guides and API reference</a><ul>${nav}</ul></nav>
  <main>
${guide.html}
  </main>
</body>
</html>
`;
}

/** The search entries of the guides: one per section (and one for each guide's opening). */
export function guideEntries(guides: Guide[]): SearchEntry[] {
  return guides.flatMap((guide) => [
    { id: `${guide.name}`, kind: 'guide' as const, title: guide.title, where: 'guide', url: `./${guide.file}`, text: guide.summary },
    ...guide.sections.map((section) => ({
      id: `${guide.name}#${section.anchor}`,
      kind: 'guide' as const,
      title: section.heading,
      where: guide.title,
      url: `./${guide.file}#${section.anchor}`,
      text: section.text,
    })),
  ]);
}

/** The search box of the index page: MiniSearch over the entries written into the page (no fetch: it works from disk). */
export function searchBlock(entries: SearchEntry[]): string {
  // `</` cannot end the script element the data sits in.
  const data = JSON.stringify(entries).replace(/<\//g, '<\\/');
  return `
  <section class="search" role="search">
    <label for="search">Search the guides and the API reference</label>
    <input id="search" type="search" autocomplete="off" placeholder="e.g. journal, callback_url, exit codes">
    <ul id="search-results" aria-live="polite"></ul>
  </section>
  <script type="application/json" id="search-data">${data}</script>
  <script src="./${SEARCH_SCRIPT_NAME}"></script>
  <script>
    (() => {
      const entries = JSON.parse(document.getElementById('search-data').textContent);
      const index = new MiniSearch({
        fields: ['title', 'text', 'where'],
        storeFields: ['title', 'url', 'kind', 'where', 'text'],
        searchOptions: { prefix: true, fuzzy: 0.2, boost: { title: 3, where: 0.5 } },
      });
      index.addAll(entries);
      const input = document.getElementById('search');
      const list = document.getElementById('search-results');
      /** The text around the first word of the query, with the match marked. */
      function snippet(text, terms) {
        const lower = text.toLowerCase();
        const at = terms.map((term) => lower.indexOf(term)).filter((i) => i >= 0).sort((a, b) => a - b)[0] ?? 0;
        const start = Math.max(0, at - 60);
        return (start > 0 ? '…' : '') + text.slice(start, start + 180) + (start + 180 < text.length ? '…' : '');
      }
      function show() {
        const query = input.value.trim();
        list.replaceChildren();
        if (!query) return;
        const results = index.search(query).slice(0, 20);
        if (results.length === 0) {
          const item = document.createElement('li');
          item.textContent = 'Nothing found.';
          list.append(item);
          return;
        }
        for (const result of results) {
          const item = document.createElement('li');
          const link = document.createElement('a');
          link.href = result.url;
          link.textContent = result.title;
          const where = document.createElement('small');
          where.textContent = result.kind === 'operation' ? ' · ' + result.where + ' API' : result.where === 'guide' ? ' · guide' : ' · ' + result.where;
          const text = document.createElement('p');
          text.textContent = snippet(result.text, result.terms);
          item.append(link, where, text);
          list.append(item);
        }
      }
      input.addEventListener('input', show);
      show();
    })();
  </script>`;
}
