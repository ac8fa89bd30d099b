/**
 * The evaluation corpus: news-style articles (Markdown with YAML front matter) beside their gold
 * annotations (`NN-slug.gold.yaml`). Loading validates every gold file against its text, so a typo
 * in a mention or an id fails loudly instead of silently lowering a score.
 */
import { splitFrontMatter } from '../../domain/article.js';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { ENTITY_KINDS, ENTITY_KIND_NAMES, RELATIONSHIP_TYPE_NAMES } from '../../domain/vocabulary.js';
import { ENTITY_ID_PATTERN } from '../../domain/ids.js';

const goldEntity = z.object({
  id: z.string().regex(ENTITY_ID_PATTERN, 'must look like "unit:seventh-regiment"'),
  kind: z.enum(ENTITY_KIND_NAMES),
  mentions: z.array(z.string().min(1)).min(1),
});

const goldRelationship = z.object({
  type: z.enum(RELATIONSHIP_TYPE_NAMES),
  source: z.string(),
  target: z.string(),
});

export const goldSchema = z.object({
  entities: z.array(goldEntity),
  relationships: z.array(goldRelationship).default([]),
});

export type Gold = z.infer<typeof goldSchema>;
export type GoldEntity = Gold['entities'][number];
export type GoldRelationship = Gold['relationships'][number];

/** Corpus articles carry every field that raw articles may leave out. */
const REQUIRED_FRONT_MATTER = ['title', 'source', 'url', 'publishedAt'] as const;

export interface CorpusArticle {
  /** The file's base name, e.g. "01-okinawa-missile-drill". */
  id: string;
  title: string;
  source: string;
  url: string;
  publishedAt: string;
  /** The body after the front matter, exactly as in the file. */
  text: string;
  gold: Gold;
}

export class CorpusError extends Error {
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.join('; ')}`);
    this.name = 'CorpusError';
  }
}

/** Loads every `*.md` article that has a `.gold.yaml` sibling, sorted by id; throws on any problem. */
export function loadCorpus(dir: string): CorpusArticle[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md') && name !== 'README.md')
    .sort()
    .map((name) => loadArticle(join(dir, name)));
}

export function loadArticle(file: string): CorpusArticle {
  const id = basename(file, '.md');
  // The same front matter rules as `npm run ingest` (src/domain/article.ts).
  const { metadata, text, problems: frontMatterProblems } = splitFrontMatter(readFileSync(file, 'utf8'));
  const missing = REQUIRED_FRONT_MATTER.filter((field) => metadata[field] === undefined).map((field) => `front matter ${field}: required`);
  if (frontMatterProblems.length || missing.length) throw new CorpusError(file, [...frontMatterProblems, ...missing]);
  const { title, source, url, publishedAt } = metadata as Required<typeof metadata>;

  const goldFile = file.replace(/\.md$/, '.gold.yaml');
  const parsed = goldSchema.safeParse(parse(readFileSync(goldFile, 'utf8')));
  if (!parsed.success) throw new CorpusError(goldFile, parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`));
  const problems = checkGold(parsed.data, text);
  if (problems.length) throw new CorpusError(goldFile, problems);

  return { id, title, source, url, publishedAt, text, gold: parsed.data };
}

/** Cross-checks a gold file against its article's text; returns one message per problem. */
export function checkGold(gold: Gold, text: string): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const entity of gold.entities) {
    if (ids.has(entity.id)) problems.push(`entity ${entity.id} is listed twice`);
    ids.add(entity.id);
    const prefix = ENTITY_KINDS[entity.kind].idPrefix;
    if (!entity.id.startsWith(`${prefix}:`)) problems.push(`entity ${entity.id}: a ${entity.kind} id must start with "${prefix}:"`);
    for (const mention of entity.mentions) {
      if (!occursAsWord(text, mention)) problems.push(`entity ${entity.id}: mention "${mention}" does not occur in the text as a whole word`);
    }
  }
  const seen = new Set<string>();
  for (const rel of gold.relationships) {
    const key = `${rel.type} ${rel.source} ${rel.target}`;
    if (seen.has(key)) problems.push(`relationship ${key} is listed twice`);
    seen.add(key);
    for (const end of [rel.source, rel.target]) {
      if (!ids.has(end)) problems.push(`relationship ${key}: ${end} is not a listed entity`);
    }
    if (rel.source === rel.target) problems.push(`relationship ${key}: links an entity to itself`);
  }
  return problems;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Case-sensitive, whole-word occurrence (the same rule as src/domain/mentions.ts). */
export function occursAsWord(text: string, form: string): boolean {
  for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
    const before = text[start - 1];
    const after = text[start + form.length];
    if (!(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after))) return true;
  }
  return false;
}
