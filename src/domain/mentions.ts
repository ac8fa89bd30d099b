/**
 * Finds where each entity is named in a document: every whole-word occurrence of its name or
 * one of its aliases. Longer forms win ("Chinese navy" over "Chinese"), and a stretch of text
 * names at most one entity, so mentions never overlap.
 */

export interface SurfaceForms {
  id: string;
  name: string;
  aliases: readonly string[];
}

export interface FoundMention {
  entityId: string;
  start: number;
  end: number;
  /** The exact text at [start, end): the name or alias that matched. */
  text: string;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

export function findMentions(text: string, entities: readonly SurfaceForms[]): FoundMention[] {
  const forms = entities
    .flatMap((entity) => [entity.name, ...entity.aliases].map((form) => ({ form, entityId: entity.id })))
    .sort((a, b) => b.form.length - a.form.length || a.form.localeCompare(b.form));

  const claimed = new Uint8Array(text.length);
  const mentions: FoundMention[] = [];
  for (const { form, entityId } of forms) {
    for (let start = text.indexOf(form); start !== -1; start = text.indexOf(form, start + 1)) {
      const end = start + form.length;
      if (!isWholeWord(text, start, end) || claimed.subarray(start, end).some(Boolean)) continue;
      claimed.fill(1, start, end);
      mentions.push({ entityId, start, end, text: form });
    }
  }
  return mentions.sort((a, b) => a.start - b.start);
}

function isWholeWord(text: string, start: number, end: number): boolean {
  const before = text[start - 1];
  const after = text[end];
  return !(before && WORD_CHAR.test(before)) && !(after && WORD_CHAR.test(after));
}
