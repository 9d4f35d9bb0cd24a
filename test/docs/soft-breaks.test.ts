// The docs build writes each soft line break of a description as the space it renders as, so
// Redoc's search snippets (which drop newlines) keep words apart. Rewritten this way a description
// must render exactly as before, and its paragraphs must hold no newline; marked renders both,
// over generated Markdown of paragraphs, hard breaks, lists, headings, tables and code.
import fc from 'fast-check';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { unwrapSoftBreaks } from '../../scripts/build-docs.ts';

const word = fc.stringMatching(/^[a-z]{1,8}$/);
const words = fc.array(word, { minLength: 1, maxLength: 5 }).map((list) => list.join(' '));
const inline = fc.oneof(
  words,
  words.map((text) => `\`${text}\``),
  words.map((text) => `**${text}**`),
);
const line = fc.array(inline, { minLength: 1, maxLength: 3 }).map((parts) => parts.join(' '));

const paragraph = fc.array(line, { minLength: 1, maxLength: 4 }).map((lines) => lines.join('\n'));
const hardBreak = fc.tuple(line, line).map(([first, second]) => `${first}  \n${second}`);
const list = fc
  .array(fc.tuple(line, fc.option(line, { nil: undefined })), { minLength: 1, maxLength: 3 })
  .map((items) => items.map(([item, more]) => `- ${item}${more ? `\n  ${more}` : ''}`).join('\n'));
const ordered = fc.array(line, { minLength: 1, maxLength: 3 }).map((items) => items.map((item, index) => `${index + 1}. ${item}`).join('\n'));
const heading = fc.tuple(fc.integer({ min: 1, max: 4 }), words).map(([level, text]) => `${'#'.repeat(level)} ${text}`);
const table = fc.tuple(word, word, word, word).map(([a, b, c, d]) => `| ${a} | ${b} |\n|---|---|\n| ${c} | ${d} |`);
const fenced = fc.array(words, { minLength: 1, maxLength: 3 }).map((lines) => `\`\`\`\n${lines.join('\n')}\n\`\`\``);
const indented = fc.array(words, { minLength: 1, maxLength: 3 }).map((lines) => lines.map((text) => `    ${text}`).join('\n'));
const quote = fc.array(line, { minLength: 1, maxLength: 2 }).map((lines) => lines.map((text) => `> ${text}`).join('\n'));
/** A paragraph directly followed by a block that may interrupt it (no blank line between). */
const interrupted = fc.tuple(paragraph, fc.oneof(list, heading, fenced, quote)).map(([text, block]) => `${text}\n${block}`);
const markdown = fc
  .array(fc.oneof(paragraph, hardBreak, list, ordered, heading, table, fenced, indented, quote, interrupted), { minLength: 1, maxLength: 6 })
  .map((blocks) => blocks.join('\n\n'));
/**
 * The same without indented blocks: after a blank line an indented line is code, or a paragraph
 * of the list item above, and a line rule cannot tell which, so such lines are kept as written.
 */
const prose = fc
  .array(fc.oneof(paragraph, hardBreak, list, ordered, heading, table, fenced, quote, interrupted), { minLength: 1, maxLength: 6 })
  .map((blocks) => blocks.join('\n\n'));

/** The rendered HTML with whitespace runs as one space, except inside <pre>, where every character counts. */
function normalised(html: string): string {
  return html
    .split(/(<pre[\s\S]*?<\/pre>)/)
    .map((part) => (part.startsWith('<pre') ? part : part.replace(/\s+/g, ' ')))
    .join('')
    .trim();
}

const render = (source: string) => marked.parse(source, { async: false });

describe('unwrapSoftBreaks', () => {
  it('writes a soft break inside a paragraph as a space', () => {
    expect(unwrapSoftBreaks('the video is produced\nasynchronously (poll `getTask`)')).toBe('the video is produced asynchronously (poll `getTask`)');
  });

  it('renders the same, whatever the Markdown', () => {
    fc.assert(
      fc.property(markdown, (source) => {
        expect(normalised(render(unwrapSoftBreaks(source)))).toBe(normalised(render(source)));
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no newline inside a paragraph but after a hard break', () => {
    fc.assert(
      fc.property(prose, (source) => {
        for (const [, text = ''] of render(unwrapSoftBreaks(source)).matchAll(/<p>([\s\S]*?)<\/p>/g)) {
          expect(text.replace(/<br>\n/g, '')).not.toContain('\n');
        }
      }),
      { numRuns: 500 },
    );
  });
});
