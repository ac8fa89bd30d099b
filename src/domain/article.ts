/**
 * A raw article as analysts bring it: text plus title, source, url and date. The `ingestArticle`
 * mutation and `npm run ingest -- article.md` check it with the same rules; files may carry the
 * metadata as YAML front matter between `---` lines.
 */
import { createHash } from 'node:crypto';
import { parse } from 'yaml';
import { z } from 'zod';

export interface RawArticle {
  text: string;
  title: string;
  source: string;
  url?: string | null;
  publishedAt?: string | null;
}

const metadataSchema = z
  .object({
    title: z.string().trim().min(1, 'must not be empty').optional(),
    source: z.string().trim().min(1, 'must not be empty').optional(),
    url: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }).optional(),
    publishedAt: z.iso.date({ message: 'must be an ISO date such as 2025-06-30' }).optional(),
  })
  .strict();

export type ArticleMetadata = z.infer<typeof metadataSchema>;

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---\r?\n/;

/**
 * Splits a file into front matter and text. Dates in YAML parse as Date objects; they are read
 * back as ISO dates. Returns the problems instead of throwing, so a caller can list them all.
 */
export function splitFrontMatter(content: string): { metadata: ArticleMetadata; text: string; problems: string[] } {
  const match = FRONT_MATTER.exec(content);
  if (!match) return { metadata: {}, text: content, problems: [] };
  let raw: unknown;
  try {
    raw = parse(match[1] ?? '') ?? {};
  } catch (error) {
    return { metadata: {}, text: content.slice(match[0].length), problems: [`front matter is not valid YAML: ${(error as Error).message.split('\n')[0]}`] };
  }
  if (raw && typeof raw === 'object' && (raw as Record<string, unknown>).publishedAt instanceof Date) {
    raw = { ...raw, publishedAt: ((raw as Record<string, unknown>).publishedAt as Date).toISOString().slice(0, 10) };
  }
  const parsed = metadataSchema.safeParse(raw);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `front matter ${issue.path.join('.') || '(root)'}: ${issue.message}`);
  return { metadata: parsed.success ? parsed.data : {}, text: content.slice(match[0].length), problems };
}

/** What is wrong with an article, each problem naming the field and what to do; empty when it is fine. */
export function articleProblems(article: { [K in keyof RawArticle]?: unknown }, maxTextChars: number): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const { text } = article;
  if (typeof text !== 'string') problems.push({ field: 'text', message: 'must be a string' });
  else if (text.trim().length === 0) problems.push({ field: 'text', message: 'is empty: send the article text' });
  else if (text.length > maxTextChars) {
    problems.push({ field: 'text', message: `has ${text.length} characters; the limit is ${maxTextChars} (NLP_MAX_TEXT_CHARS): split the article or raise the limit` });
  }
  for (const field of ['title', 'source'] as const) {
    const value = article[field];
    if (typeof value !== 'string' || value.trim().length === 0) problems.push({ field, message: 'must not be empty' });
  }
  if (article.url != null && (typeof article.url !== 'string' || !/^https?:\/\/\S+$/.test(article.url))) problems.push({ field: 'url', message: 'must be an http(s) URL' });
  if (article.publishedAt != null && (typeof article.publishedAt !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(article.publishedAt))) {
    problems.push({ field: 'publishedAt', message: 'must be an ISO date such as 2025-06-30' });
  }
  return problems;
}

/** sha256 of an article's text, hex: the same text ingested twice is the same document. */
export const contentHash = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
