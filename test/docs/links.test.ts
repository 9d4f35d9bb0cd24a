// Every local link of the Markdown a reader follows (the README, the guides, the documents'
// conventions) leads somewhere: the file exists, and a `#anchor` names a heading of the file it
// points into, by the id GitHub (and the guides' pages) give that heading.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import GithubSlugger from 'github-slugger';
import { marked, type Token, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { plainText } from '../../scripts/docs-guides.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const GUIDES = join(ROOT, 'docs/guides');
const FILES = [
  join(ROOT, 'README.md'),
  ...readdirSync(GUIDES)
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(GUIDES, file)),
  ...readdirSync(join(ROOT, 'openapi'))
    .filter((file) => file.endsWith('.md'))
    .map((file) => join(ROOT, 'openapi', file)),
];

function tokensOf(file: string): Token[] {
  return marked.lexer(readFileSync(file, 'utf8'));
}

/** The ids of a Markdown file's headings, as GitHub makes them (duplicates numbered). */
function anchorsOf(file: string): Set<string> {
  const slugger = new GithubSlugger();
  const anchors = new Set<string>();
  marked.walkTokens(tokensOf(file), (token) => {
    if (token.type === 'heading') anchors.add(slugger.slug(plainText(marked.parseInline((token as Tokens.Heading).text) as string)));
  });
  return anchors;
}

/** The link targets of a Markdown file (links and images), as written. */
function linksOf(file: string): string[] {
  const links: string[] = [];
  marked.walkTokens(tokensOf(file), (token) => {
    if (token.type === 'link' || token.type === 'image') links.push((token as Tokens.Link).href);
  });
  return links;
}

describe.each(FILES.map((file) => [relative(ROOT, file), file] as const))('%s', (_, file) => {
  const local = linksOf(file).filter((href) => !/^[a-z][a-z0-9+.-]*:/i.test(href));

  it('every local link leads to a file that exists, and every #anchor to a heading there', () => {
    const broken: string[] = [];
    for (const href of local) {
      const [path = '', anchor] = href.split('#') as [string, string | undefined];
      const target = path === '' ? file : resolve(dirname(file), decodeURIComponent(path));
      if (!existsSync(target)) {
        broken.push(`${href}: no such file`);
        continue;
      }
      if (anchor !== undefined && statSync(target).isFile() && target.endsWith('.md') && !anchorsOf(target).has(anchor)) {
        broken.push(`${href}: no heading with that anchor in ${relative(ROOT, target)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});
