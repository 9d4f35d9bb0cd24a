// The code blocks of the integrator documents (the README, and the guides under docs/guides/ where
// there are any), as written. A block's info string names its language and, after it, what runs
// it: "```ts vitest" is a whole vitest test file, "```js jest" a whole Jest (CommonJS) test file.
// The consumer test runs those verbatim in the consumer project, and type-checks every ```ts block.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './consumer-project.ts';

export interface DocBlock {
  /** The document, relative to the repository: README.md, docs/guides/<name>.md. */
  document: string;
  /** 1-based position among the document's blocks of the same language. */
  index: number;
  language: string;
  /** The words after the language in the info string (`vitest`, `jest`). */
  labels: string[];
  code: string;
}

/** The runners a recipe may name, and the file name it takes in the consumer project. */
export const RUNNERS = { vitest: '.test.ts', jest: '.test.js' } as const;
export type Runner = keyof typeof RUNNERS;

function documents(): string[] {
  const guides = join(ROOT, 'docs/guides');
  const inGuides = existsSync(guides)
    ? readdirSync(guides, { recursive: true, encoding: 'utf8' })
        .filter((file) => file.endsWith('.md'))
        .sort()
        .map((file) => `docs/guides/${file}`)
    : [];
  return ['README.md', ...inGuides];
}

/** Every fenced block (``` at the start of a line) of the documents, in order. */
export function docBlocks(): DocBlock[] {
  return documents().flatMap((document) => {
    const counts = new Map<string, number>();
    const text = readFileSync(join(ROOT, document), 'utf8');
    return [...text.matchAll(/^```(\w+)([ \t][^\n]*)?\n([\s\S]*?)^```/gm)].map((match) => {
      const language = match[1]!;
      const index = (counts.get(language) ?? 0) + 1;
      counts.set(language, index);
      return { document, index, language, labels: (match[2] ?? '').trim().split(/\s+/).filter(Boolean), code: match[3] ?? '' };
    });
  });
}

/** A name for the block, unique across the documents: `readme-ts-3`, `guide-testing-js-2`. */
export function blockName(block: DocBlock): string {
  const guide = block.document.replace(/^docs\/guides\/|\.md$/g, '').replace(/\W+/g, '-');
  const base = block.document === 'README.md' ? 'readme' : `guide-${guide}`;
  return `${base}-${block.language}-${block.index}`;
}

export interface Recipe extends DocBlock {
  runner: Runner;
  /** Its file name in the consumer project. */
  file: string;
}

/** The blocks a runner runs: the recipes. */
export function recipes(): Recipe[] {
  return docBlocks().flatMap((block) => {
    const runner = block.labels.find((label): label is Runner => Object.hasOwn(RUNNERS, label));
    return runner ? [{ ...block, runner, file: `${blockName(block)}${RUNNERS[runner]}` }] : [];
  });
}
