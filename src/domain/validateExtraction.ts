/**
 * Validates a whole extraction before anything is written. Every problem is reported at once,
 * each naming the item (by id or by relationship) and its path in the input, so a curator can
 * fix a file in one pass. Positions in a file are added by ./extractionFile.ts.
 */
import { extractionSchema, type Extraction } from './extraction.js';
import { findMentions, type FoundMention } from './mentions.js';
import { entityIdPrefix, isEntityIdOfKind, relationshipId } from './ids.js';

export type InputPath = readonly (string | number)[];

export interface Problem {
  path: InputPath;
  message: string;
}

export class ExtractionError extends Error {
  override name = 'ExtractionError';
  constructor(
    readonly problems: readonly (Problem & { location?: string })[],
    readonly origin = 'extraction',
  ) {
    super(
      `${origin} is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}); nothing was written:\n` +
        problems.map((p) => `  ${p.location ? `${p.location} ` : ''}${formatPath(p.path)}: ${p.message}`).join('\n'),
    );
  }
}

export interface ValidExtraction {
  extraction: Extraction;
  mentions: FoundMention[];
}

export function formatPath(path: InputPath): string {
  return path.reduce<string>((out, part) => (typeof part === 'number' ? `${out}[${part}]` : out ? `${out}.${part}` : part), '');
}

/** Returns the parsed extraction and its mentions, or the full list of problems. */
export function checkExtraction(input: unknown): { ok: true; value: ValidExtraction } | { ok: false; problems: Problem[] } {
  const parsed = extractionSchema.safeParse(input);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => {
        // An unknown field is reported at the field itself, so a file position points at its line.
        const path = (issue.code === 'unrecognized_keys' && issue.keys?.[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path) as InputPath;
        return { path, message: describeIssue(issue, input, path) };
      }),
    };
  }
  const extraction = parsed.data;
  const problems = [...checkReferences(extraction), ...checkEvidence(extraction)];
  const mentions = findMentions(extraction.document.text, extraction.entities);
  problems.push(...checkMentions(extraction, mentions));
  return problems.length ? { ok: false, problems } : { ok: true, value: { extraction, mentions } };
}

/** Like checkExtraction, but throws ExtractionError. */
export function validateExtraction(input: unknown, origin?: string): ValidExtraction {
  const result = checkExtraction(input);
  if (!result.ok) throw new ExtractionError(result.problems, origin);
  return result.value;
}

/** The schema's message, prefixed with the item it concerns and followed by the offending value. */
function describeIssue(issue: { code: string; message: string; keys?: readonly string[] }, input: unknown, path: InputPath): string {
  const item = itemLabel(input, path);
  const prefix = item ? `${item}: ` : '';
  if (issue.code === 'unrecognized_keys' && issue.keys) return `${prefix}unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  const value = valueAt(input, path);
  return `${prefix}${issue.message}${typeof value === 'string' || typeof value === 'number' ? ` (got ${JSON.stringify(typeof value === 'string' ? clip(value) : value)})` : ''}`;
}

/** `entity "id"`, `relationship TYPE source → target` or `document "id"`, read from the raw input. */
function itemLabel(input: unknown, path: InputPath): string | undefined {
  const [section, index] = path;
  const item = valueAt(input, path.slice(0, section === 'document' ? 1 : 2));
  const text = (key: string) => {
    const value = item && typeof item === 'object' ? (item as Record<string, unknown>)[key] : undefined;
    return typeof value === 'string' ? value : undefined;
  };
  if (section === 'entities' && typeof index === 'number') return `entity ${text('id') ? `"${text('id')}"` : `entities[${index}]`}`;
  if (section === 'relationships' && typeof index === 'number') {
    return `relationship ${text('type') ?? '?'} ${text('source') ?? '?'} → ${text('target') ?? '?'}`;
  }
  if (section === 'document') return `document${text('id') ? ` "${text('id')}"` : ''}`;
  return undefined;
}

function valueAt(input: unknown, path: InputPath): unknown {
  return path.reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string | number, unknown>)[part] : undefined), input);
}

function checkReferences(extraction: Extraction): Problem[] {
  const problems: Problem[] = [];
  const firstIndexById = new Map<string, number>();
  extraction.entities.forEach((entity, index) => {
    const first = firstIndexById.get(entity.id);
    if (first !== undefined) {
      problems.push({ path: ['entities', index, 'id'], message: `duplicate entity id "${entity.id}" (first defined at entities[${first}])` });
    } else {
      firstIndexById.set(entity.id, index);
    }
  });

  extraction.entities.forEach((entity, index) => {
    if (!isEntityIdOfKind(entity.id, entity.kind)) {
      const prefix = entityIdPrefix(entity.kind);
      problems.push({ path: ['entities', index, 'id'], message: `entity "${entity.id}": the id of an entity of kind ${entity.kind} must start with "${prefix}:"` });
    }
  });

  const formOwner = new Map<string, string>();
  extraction.entities.forEach((entity, index) => {
    for (const form of new Set([entity.name, ...entity.aliases])) {
      const owner = formOwner.get(form);
      if (owner && owner !== entity.id) {
        problems.push({ path: ['entities', index, 'aliases'], message: `"${form}" names both "${owner}" and "${entity.id}"; a name or alias must identify one entity` });
      }
      formOwner.set(form, entity.id);
    }
  });

  const seenRelationships = new Map<string, number>();
  extraction.relationships.forEach((relationship, index) => {
    const label = `${relationship.type} ${relationship.source} → ${relationship.target}`;
    for (const end of ['source', 'target'] as const) {
      if (!firstIndexById.has(relationship[end])) {
        problems.push({ path: ['relationships', index, end], message: `relationship ${label}: ${end} "${relationship[end]}" is not an entity of this extraction` });
      }
    }
    if (relationship.source === relationship.target) {
      problems.push({ path: ['relationships', index, 'target'], message: `relationship ${label}: source and target are the same entity` });
    }
    // Two entries with one id would be one relationship in the graph.
    const id = relationshipId(relationship);
    const first = seenRelationships.get(id);
    if (first !== undefined) {
      problems.push({ path: ['relationships', index], message: `relationship ${label} is listed twice (also at relationships[${first}]); put all its quotes in one evidence list` });
    } else {
      seenRelationships.set(id, index);
    }
  });
  return problems;
}

function checkEvidence(extraction: Extraction): Problem[] {
  const { text, id: documentId } = extraction.document;
  const problems: Problem[] = [];
  extraction.relationships.forEach((relationship, index) => {
    const label = `${relationship.type} ${relationship.source} → ${relationship.target}`;
    const firstAtOffsets = new Map<string, number>();
    relationship.evidence.forEach((evidence, evidenceIndex) => {
      const path = ['relationships', index, 'evidence', evidenceIndex];
      // The loader keys evidence by relationship, document and offsets: a repeat would be stored once.
      const offsets = `${evidence.start}..${evidence.end}`;
      const first = firstAtOffsets.get(offsets);
      if (first !== undefined) {
        problems.push({ path: [...path, 'start'], message: `relationship ${label}: evidence at ${offsets} is listed twice (also at evidence[${first}])` });
        return;
      }
      firstAtOffsets.set(offsets, evidenceIndex);
      const found = text.indexOf(evidence.quote);
      if (found === -1) {
        problems.push({ path: [...path, 'quote'], message: `relationship ${label}: quote "${clip(evidence.quote)}" is not found verbatim in document "${documentId}"` });
        return;
      }
      const actual = text.slice(evidence.start, evidence.end);
      if (actual !== evidence.quote) {
        const hint = occurrences(text, evidence.quote)
          .map((start) => `start: ${start}, end: ${start + evidence.quote.length}`)
          .join(' or ');
        problems.push({
          path: [...path, 'start'],
          message: `relationship ${label}: offsets ${evidence.start}..${evidence.end} hold "${clip(actual)}", not the quote; the quote is at ${hint}`,
        });
      }
    });
  });
  return problems;
}

function checkMentions(extraction: Extraction, mentions: FoundMention[]): Problem[] {
  const mentioned = new Set(mentions.map((mention) => mention.entityId));
  return extraction.entities.flatMap((entity, index) =>
    mentioned.has(entity.id)
      ? []
      : [{ path: ['entities', index, 'name'], message: `entity "${entity.id}" is never named in the document: none of "${[entity.name, ...entity.aliases].join('", "')}" occurs as a whole word (add the wording the text uses as an alias)` }],
  );
}

function occurrences(text: string, quote: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(quote); at !== -1; at = text.indexOf(quote, at + 1)) found.push(at);
  return found;
}

function clip(value: string, max = 60): string {
  return value.length > max ? `${value.slice(0, max)}…` : value;
}
