// One-off migration, kept so it can be re-run: rewrites the old private provenance references
// (seed file numbers, research section numbers and source tags of a research note that lives beside
// the project, not in it) into public citations a reader of a clone can follow. The names it
// writes ("Ark Go SDK", "UniAll page", ...) are defined once in openapi/CONVENTIONS.md
// ("Where a fact comes from"). Deterministic and idempotent: a second run changes nothing.
// test/contracts/provenance.test.ts fails on any old reference; run this script, then
// `npm run generate`, to fix text merged from an older branch.
//
//   npx tsx scripts/provenance/rewrite.ts          rewrite in place, print counts per file
//   npx tsx scripts/provenance/rewrite.ts --check  exit 1 if anything would change
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Research source tags: the public repository (and files) or pages each stands for, by its legend name. */
const SOURCES: Record<string, string> = {
  S1: 'Ark Go SDK',
  S2: 'Ark Python SDK',
  S3: 'Volcengine docs copy',
  S4: 'BytePlus Seedance digest',
  S5: 'BytePlus ModelArk docs',
  S6: 'OpenAI SDKs',
  S7: 'new-api source',
  S8: 'OctopusX page',
  S9: 'UniAll page',
  acedata: 'acedata docs',
  mirrors: 'Volcengine docs mirrors',
  test_miyabi: 'test_miyabi notes',
};

/** Seed file number -> the legend name of the public page it renders. */
const SEEDS: Record<string, string> = {
  '000': 'OctopusX Create Video page',
  '001': 'OctopusX Doubao page',
  '002': 'OctopusX Create Video page',
  '003': 'reseller Ark page',
  '004': 'UniAll page',
};

/**
 * Research sections: what each is about and the tags of its sources (the heading's tags where it
 * has them, otherwise the tags its facts carry). Tag grammar as in the research: V / V-3p / I,
 * then source numbers, then a detail.
 */
const SECTIONS: Record<string, { topic: string; tags: string }> = {
  '1': { topic: 'Ark API', tags: 'V S1, S2, S3' },
  '1.1': { topic: 'Ark hosts and auth', tags: 'V S2 _constants.py, S1 client.go' },
  '1.2': { topic: 'Ark endpoints', tags: 'V S1, S2, S3' },
  '1.3': { topic: 'Ark create request fields', tags: 'V S1, S2, S3, V-3p S4' },
  '1.3.1': { topic: 'Ark content items', tags: 'V S1 CreateContentGenerationContentItem, S2 create_task_content_param.py' },
  '1.3.2': { topic: 'Ark prompt text commands', tags: 'V S3' },
  '1.4': { topic: 'Ark task object', tags: 'V S1 GetContentGenerationTaskResponse, S2 ContentGenerationTask, S3 video_task_info.md' },
  '1.5': { topic: 'Ark list tasks', tags: 'V S1 ListContentGenerationTasks, S2 list, S3 list_tasks.md, S5' },
  '1.6': { topic: 'Ark DELETE', tags: 'V S3, V-3p S5 table' },
  '1.7': { topic: 'Ark callback', tags: 'V S3' },
  '1.8': { topic: 'Ark errors', tags: 'V S1 model/error.go, S2 _exceptions.py, V-3p S5 error codes' },
  '1.9': { topic: 'Ark rate limits and retry', tags: 'V-3p S5, V S1, S2' },
  '2': { topic: 'OpenAI Videos API', tags: 'V S6' },
  '3': { topic: 'new-api video relay', tags: 'V S7' },
  '3.1': { topic: 'new-api routes', tags: 'V S7 router/video-router.go' },
  '3.2': { topic: 'new-api submit request', tags: 'V S7 relay/common/relay_info.go TaskSubmitReq, doubao adaptor' },
  '3.3': { topic: 'new-api fetch responses', tags: 'V S7 relay/relay_task.go, dto/task.go, dto/openai_video.go' },
  '3.4': { topic: 'new-api status mapping', tags: 'V S7 doubao adaptor ParseTaskResult, model/task.go' },
  '3.5': { topic: 'new-api errors', tags: 'V S7 dto/task.go, relay/relay_task.go' },
  '3.6': { topic: 'new-api billing', tags: 'V S7 doubao/constants.go' },
  '4': { topic: 'OctopusX docs', tags: 'V-3p S8' },
  '4.1': { topic: 'OctopusX Query Task', tags: 'V-3p S8 docs.octopusx.ai/en/videos/seedance-2/query' },
  '4.2': { topic: 'OctopusX Doubao Task Status Query', tags: 'V-3p S8 docs.octopusx.ai/en/videos/jimeng/doubao-query' },
  '4.3': { topic: 'OctopusX task status', tags: 'V-3p S8 doc.octopusx.ai/en/tasks/task-status' },
  '4.4': { topic: 'OctopusX Upload Assets', tags: 'V-3p S8 docs.octopusx.ai/en/videos/seedance-2/asset-create-media and asset-get' },
  '5': { topic: 'UniAll gateway origin', tags: 'V-3p S9, V S7 router/video-router.go' },
  '6': { topic: 'cross-source reading', tags: 'I' },
  '6.5a': { topic: 'rule that reference_image excludes frames', tags: 'I' },
  '6.5b': { topic: 'rule that audio cannot be the only reference', tags: 'I' },
  '6.5c': { topic: 'rule that draft_task stands alone', tags: 'I' },
  '6.5d': { topic: 'rule that frames and duration exclude each other', tags: 'I' },
  '6.5e': { topic: 'execution_expires_after range rule', tags: 'I' },
  '6.5f': { topic: 'page_num and page_size range rule', tags: 'I' },
  '6.5g': { topic: 'DELETE refusal rule', tags: 'I' },
  '6.5h': { topic: 'rule that first and last frame take exactly 2 images', tags: 'I' },
};

/** Source details written without a source number inside a section of the new-api or OctopusX part. */
const DETAIL_ALIASES: Record<string, string> = {
  'doubao adaptor': 'relay/channel/task/doubao/adaptor.go',
  'doubao/constants.go': 'relay/channel/task/doubao/constants.go',
  'relay_task.go': 'relay/relay_task.go',
  'volcano PDF p.469': 'PDF copy, page 469',
};

/** Paragraphs that describe where the sources live, rewritten whole (exact text; the rest is rewritten by pattern). */
/** Lines of a description paragraph (indented 4, as under `info.description: |`). */
const lines = (...parts: string[]): string => parts.join('\n    ');

const LITERALS: Array<[string, string]> = [
  ['seeds 000/002 do not list', 'the OctopusX Create Video page does not list'],
  ['upstream-apis §1.4 (not-yet-finished example) [V-3p]', 'Ark task object (not-yet-finished example; third-party test_miyabi notes)'],
  [
    '(upstream-apis §1.4 Ark task, §3.3 new-api TaskDto\n// and OpenAI video object, §4.1/§4.2 OctopusX pages, §5 job object)',
    '(the Ark task object, new-api TaskDto\n// and OpenAI video object, the OctopusX query pages, the UniAll job object; sources in openapi/CONVENTIONS.md)',
  ],
  [
    'comes from `shared/research/upstream-apis.md` §1 and is marked with `x-source`.',
    lines('comes from the Ark SDKs and Ark docs (see "Where a fact comes from" in openapi/CONVENTIONS.md)', 'and is marked with `x-source`.'),
  ],
  [
    lines(
      'Sources: seeds 000 and 002 (the OctopusX "Create Video" page rendered twice; 002 keeps the',
      'generation-mode table intact) document the submit operation.',
    ),
    lines(
      'Sources: the OctopusX Create Video page (docs.octopusx.ai, Seedance 2.0 "Create Video", whose',
      'generation-mode table is the reference for the modes) documents the submit operation.',
    ),
  ],
  [
    lines('comes from', '`shared/research/upstream-apis.md` and is marked with `x-source`.'),
    lines(
      'comes from',
      'the new-api source, the OctopusX query and asset pages and the Ark SDKs and docs (see "Where a fact',
      'comes from" in openapi/CONVENTIONS.md), and is marked with `x-source`.',
    ),
  ],
  [
    lines(
      '`shared/research/upstream-apis.md` (OctopusX "Doubao Task Status Query" page §4.2, the new-api',
      'gateway OctopusX runs on §3, the OpenAI Videos API it imitates §2); each such element carries `x-source`.',
    ),
    lines(
      'the OctopusX "Doubao Task Status Query" page (docs.octopusx.ai/en/videos/jimeng/doubao-query), the',
      'new-api source (QuantumNous/new-api) that OctopusX runs on, and the OpenAI Videos API it imitates',
      '(openai/openai-node, openai/openai-python); each such element carries `x-source`.',
    ),
  ],
  [
    'Source: seed 004, an English machine rendering of docs.uniall.ai',
    lines(
      'Source: the UniAll page "Create Video Task (New)" (docs.uniall.ai/zh-CN/models/video/seedance-2-0/create-task),',
      'read in an English machine rendering of docs.uniall.ai',
    ),
  ],
  [
    '`shared/research/upstream-apis.md` §3 (new-api) and §5, and marked with `x-source`.',
    'the new-api source (QuantumNous/new-api, which the gateway is layered on), and marked with `x-source`.',
  ],
];

/** A tag in the research grammar, as segments: `V S1/S2 field, V-3p S4 range` -> two segments. */
interface Segment {
  verification: 'V' | 'V-3p' | 'I';
  sources: string[];
  detail: string;
  qualifier: string;
}

function parseTag(tag: string, section: string): Segment[] {
  const segments: Segment[] = [];
  let verification: Segment['verification'] = 'V';
  let pending = '';
  for (const raw of tag.split(/,\s*/)) {
    const words = raw.trim().split(/\s+/).filter(Boolean);
    const at = words.findIndex((word) => word === 'V' || word === 'V-3p' || word === 'I');
    const qualifier = [pending, ...(at > 0 ? words.slice(0, at) : [])].filter(Boolean).join(' ');
    if (at >= 0) verification = words[at] as Segment['verification'];
    const rest = at >= 0 ? words.slice(at + 1) : words;
    const sources = rest[0] && /^S\d(\/S\d)*$/.test(rest[0]) ? rest[0].split('/') : rest[0] === 'acedata' ? ['acedata'] : [];
    const detail = rest.slice(sources.length > 0 ? 1 : 0).join(' ');
    if (at < 0 && sources.length === 0 && verification !== 'I' && detail && !looksLikeDetail(detail)) {
      pending = detail; // a qualifier of the next segment ("the code by analogy, I")
      continue;
    }
    pending = '';
    const pageDetail = sources[0] === 'S8' && !rest[1] ? (SECTIONS[section]?.tags.match(/S8 (\S.*)$/)?.[1] ?? '') : '';
    segments.push({
      verification,
      sources: sources.length > 0 || verification === 'I' ? sources : defaultSources(section, verification),
      detail: detail || pageDetail,
      qualifier,
    });
  }
  return segments;
}

function looksLikeDetail(text: string): boolean {
  return /[./_]|^[A-Z][A-Za-z]+$|adaptor|^list$|table|field|example/.test(text);
}

/**
 * The source a tag without a number means inside a section: verified -> the heading's first source
 * (`[V dto/task.go]` in the new-api part is new-api source); third-party -> the section's pages, or
 * for the Ark part the mirrors of the Volcengine docs that the research read without recording an address.
 */
function defaultSources(section: string, verification: Segment['verification']): string[] {
  if (verification === 'V-3p') return section.startsWith('4') ? ['S8'] : section.startsWith('5') ? ['S9'] : ['mirrors'];
  const own = SECTIONS[section]?.tags.match(/S\d/);
  return own ? [own[0]] : [];
}

function joinWords(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

function renderSegment(segment: Segment): string {
  const names = segment.sources.map((source) => SOURCES[source] ?? source);
  const detail = DETAIL_ALIASES[segment.detail] ?? segment.detail;
  const what = [joinWords([...new Set(names)]), detail].filter(Boolean).join(' ');
  if (!segment.qualifier) return what;
  return what ? `${what} for ${segment.qualifier}` : segment.qualifier;
}

/** `V S1, S2, V-3p S4` -> "verified in Ark Go SDK, Ark Python SDK; third-party BytePlus Seedance digest". */
function renderTag(tag: string, section: string): string {
  const segments = parseTag(tag, section);
  if (compact) return joinWords([...new Set(segments.flatMap((segment) => segment.sources.map((source) => SOURCES[source] ?? source)))]) || 'inferred';
  const phrases: string[] = [];
  let last: Segment['verification'] | undefined;
  let run: string[] = [];
  const flush = () => {
    if (last === undefined) return;
    const what = joinWords(run.filter(Boolean));
    if (last === 'V') phrases.push(what ? `verified in ${what}` : 'verified');
    else if (last === 'V-3p') phrases.push(what ? `third-party ${what}` : 'third-party');
    else phrases.push(what ? `inferred for ${what}` : 'inferred');
  };
  for (const segment of segments) {
    if (segment.verification !== last) {
      flush();
      last = segment.verification;
      run = [];
    }
    const rendered = renderSegment(segment);
    const previous = run.length > 0 ? segments[segments.indexOf(segment) - 1] : undefined;
    const sameSource = previous && segment.detail && previous.sources.join() === segment.sources.join() && !segment.qualifier;
    run.push(sameSource ? (DETAIL_ALIASES[segment.detail] ?? segment.detail) : rendered);
  }
  flush();
  return phrases.join(', ');
}

const SECTION = String.raw`§(\d+(?:\.\d+)*[a-h]?)`;
const DETAIL = String.raw`(?: \(([^()]*(?:\([^()]*\)[^()]*)*)\))?`;
const REF = new RegExp(String.raw`${SECTION}${DETAIL}`, 'g');
/** `upstream-apis §1.3 (detail), §1.4 [V S1, S2]` or a bare `§1.8`, with an optional trailing `, S3 and S4`. */
const GROUP = new RegExp(
  [
    String.raw`(?<!(?:RFC \d+|OpenAPI \d(?:\.\d)*) )(?:\x60?(?:shared/research/)?[Uu]pstream-apis(?:\.md)?\x60?\s+)?`,
    String.raw`${SECTION}${DETAIL}(?:(?:,\s*|\s+and\s+)§\d+(?:\.\d+)*[a-h]?${DETAIL})*`,
    String.raw`(?:\s*\[((?:V|V-3p|I)\b[^\]]*|S\d[^\]]*|code I)\])?`,
    String.raw`(?:,\s+(S\d(?:(?:,\s*|\s+and\s+)S\d)*)(?=\)))?`,
  ].join(''),
  'g',
);

/** One research reference group: `upstream-apis §1.4 (detail), §3.3 [V S1]`. */
function renderGroup(text: string, tag: string | undefined): string {
  const refs = [...text.matchAll(REF)].map((match) => ({ section: match[1] ?? '', detail: match[2] }));
  if (topicsOnly) return refs.map((ref) => topicOf(ref.section, ref.detail)).join(', ');
  const normalizedTag = tag === 'code I' ? 'code I' : tag;
  const [only] = refs;
  if (normalizedTag && parseTag(normalizedTag, '').every((segment) => segment.verification === 'I')) {
    return `${renderGroup(text.replace(/\s*\[[^\]]*\]$/, ''), undefined)} (${renderTag(normalizedTag, '')})`;
  }
  if (normalizedTag && refs.length === 1 && only?.detail) {
    return `${SECTIONS[only.section]?.topic ?? `research ${only.section}`} (${only.detail}; ${renderTag(normalizedTag, only.section)})`;
  }
  if (normalizedTag) {
    const topics = joinWords(refs.map((ref) => topicOf(ref.section, ref.detail)));
    return `${topics} (${renderTag(normalizedTag, refs[0]?.section ?? '')})`;
  }
  return refs
    .map((ref) => {
      const section = SECTIONS[ref.section];
      const sources = renderTag(section?.tags ?? 'I', ref.section);
      return `${section?.topic ?? `research ${ref.section}`} (${ref.detail ? `${ref.detail}; ` : ''}${sources})`;
    })
    .join(', ');
}

/** `§1.3 (S4)` or `§1.3 (S3 and S4)`: a detail that is only source numbers is a tag. */
function tagInDetail(match: string): string | undefined {
  const only = match.match(/ \((S\d(?:(?:,\s*|\s+and\s+)S\d)*)\)$/);
  if (!only?.[1]) return undefined;
  return only[1]
    .split(/,\s*|\s+and\s+/)
    .map((source) => (/S[4589]/.test(source) ? `V-3p ${source}` : `V ${source}`))
    .join(', ');
}

function topicOf(section: string, detail: string | undefined): string {
  const topic = SECTIONS[section]?.topic ?? `research ${section}`;
  return detail ? `${topic} (${detail})` : topic;
}

/** Seed section lists: `§4.3`, `§5.2-§5.4`, `§8, §9 Error 1` -> `section 4.3`, `sections 5.2-5.4`, ... */
function seedSections(text: string): string {
  return text.replace(/§(\d+(?:\.\d+)*)(?:-§(\d+(?:\.\d+)*))?/g, (_, from: string, to?: string) => (to ? `sections ${from}-${to}` : `section ${from}`));
}

const SEED_SECTIONS = String.raw`§\d+(?:\.\d+)*(?:-§\d+(?:\.\d+)*)?(?: Error \d)?(?:(?:,\s*|\s+and\s+)§\d+(?:\.\d+)*(?:-§\d+(?:\.\d+)*)?(?: Error \d)?)*`;

/** "the " before a page name in prose ("The " where a sentence starts); none where the name opens an x-source citation. */
function article(whole: string, offset: number): string {
  const line = whole.slice(whole.lastIndexOf('\n', offset - 1) + 1, offset);
  if (/x-source: '?$|; $/.test(line) && /x-source:/.test(line)) return '';
  const before = whole.slice(Math.max(0, offset - 200), offset).trimEnd();
  return /(?:[.|>]|(?:description|summary|text): ?'?)$/.test(before) ? 'The ' : 'the ';
}

/** Code comments cite briefly (topic and source names), test names by topic only; the documents carry the details. */
let compact = false;
let topicsOnly = false;

/** Rewrites one text. `bareSections` says what a `§` with no source before it refers to in this file. */
function rewrite(input: string, bareSections: 'research' | 'seed 004', brief: 'full' | 'compact' | 'topics' = 'full'): { text: string; count: number } {
  compact = brief === 'compact';
  topicsOnly = brief === 'topics';
  let count = 0;
  const bump = (value: string) => {
    count += 1;
    return value;
  };
  let text = input;
  for (const [from, to] of LITERALS) if (text.includes(from)) text = text.split(from).join(bump(to));
  // Inline tags inside a detail, e.g. "(duration: 1.0 3-12 [V S3], 1.5 4-12 [V-3p])".
  text = text.replace(/ \[((?:V|V-3p|I)\b[^\]]*)\](?=[^()\n]*\))/g, (_, tag: string) => ` ${renderTag(tag, '')}`);
  // Seeds: "seeds 000 and 002", "seeds 000/002", "seed 004 §6.2", "§4.3 of seed 004", "seed §9 Error 2".
  text = text.replace(/\b([Tt]he\s+)?seeds\s+000(?:\s+and\s+|\/)002\b/g, (_, the?: string) => bump(`${the ?? 'the '}${SEEDS['000']}`));
  text = text.replace(new RegExp(String.raw`(${SEED_SECTIONS})\s+of\s+seed\s+(00[0-4])\b`, 'g'), (_, sections: string, seed: string) =>
    bump(`${seedSections(sections)} of the ${SEEDS[seed]}`),
  );
  text = text.replace(
    new RegExp(String.raw`(\b[Tt]he\s+)?\b([Ss])eed\s+(00[0-4])\b(?:\s+(${SEED_SECTIONS}))?`, 'g'),
    (_, the: string | undefined, s: string, seed: string, sections: string | undefined, offset: number, whole: string) =>
      bump(`${the ?? (s === 'S' ? 'The ' : article(whole, offset))}${SEEDS[seed]}${sections ? ` ${seedSections(sections)}` : ''}`),
  );
  text = text.replace(new RegExp(String.raw`\bseed\s+(${SEED_SECTIONS})`, 'g'), (_, sections: string, offset: number, whole: string) =>
    bump(`${article(whole, offset)}${SEEDS['004']} ${seedSections(sections)}`),
  );
  // Research references (explicit, or bare `§` where this file's bare sections are research).
  text = text.replace(GROUP, (match: string, ...groups: unknown[]) => {
    const explicit = /upstream-apis/i.test(match);
    if (!explicit && bareSections === 'seed 004') return match;
    const sourceList = groups[4] as string | undefined;
    if (sourceList) {
      const body = match.slice(0, match.length - sourceList.length).replace(/,\s+$/, '');
      return bump(renderGroup(body, tagInDetail(` (${sourceList})`)));
    }
    const tag = (groups[3] as string | undefined) ?? tagInDetail(match);
    return bump(renderGroup(tag && !groups[3] ? match.replace(/ \((S\d[^()]*)\)$/, '') : match, tag));
  });
  if (bareSections === 'seed 004') text = text.replace(/§\d+(?:\.\d+)*(?:-§\d+(?:\.\d+)*)?/g, (match) => bump(seedSections(match)));
  // Where the research itself is named as a source, which a clone does not have.
  text = text.replace(/\x60shared\/research\/upstream-apis\.md\x60|\bupstream-apis\b/g, () => bump('the sources listed in openapi/CONVENTIONS.md'));
  // Source tags left without a section, e.g. "S3 and S4".
  text = text.replace(/\bS([1-9])\b/g, (_, number: string) => bump(SOURCES[`S${number}`] ?? ''));
  // "seed 000; seed 002" named the same page twice.
  text = text.replace(/^(\s*(?:- )?x-source: '?)(.*?)('?)$/gm, (_, head: string, value: string, tail: string) => {
    const parts = value.split('; ');
    const kept = parts.filter((part, index) => parts.indexOf(part) === index && !parts.some((other) => other !== part && other.startsWith(`${part} (`)));
    return `${head}${kept.join('; ')}${tail}`;
  });
  return { text, count };
}

/** The files readers get or read: the documents, workflows, and the code's comments and messages. */
function targets(root: string): string[] {
  const listed = (dir: string, pattern: RegExp): string[] =>
    readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
      .filter((file) => pattern.test(file))
      .map((file) => join(dir, file));
  return [
    ...listed('openapi', /\.yaml$/),
    ...listed('workflows', /\.ya?ml$/),
    ...listed('src', /\.ts$/),
    ...listed('mocks', /\.(ts|json)$/).filter((file) => !file.includes('fixtures')),
    ...listed('cli', /\.ts$/),
    ...listed('test', /\.ts$/).filter((file) => !file.endsWith('provenance.test.ts')),
  ].sort();
}

function briefness(file: string): 'full' | 'compact' | 'topics' {
  if (file.startsWith('test')) return 'topics';
  return file.endsWith('.ts') ? 'compact' : 'full';
}

function main(): void {
  const check = process.argv.includes('--check');
  const root = process.cwd();
  let total = 0;
  for (const file of targets(root)) {
    const path = join(root, file);
    const before = readFileSync(path, 'utf8');
    const { text, count } = rewrite(before, file.endsWith('unified-jobs.yaml') ? 'seed 004' : 'research', briefness(file));
    if (text === before) continue;
    total += count;
    console.log(`${String(count).padStart(5)}  ${file}`);
    if (!check) writeFileSync(path, text);
  }
  console.log(`${String(total).padStart(5)}  references ${check ? 'to rewrite' : 'rewritten'}`);
  if (check && total > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) main();
