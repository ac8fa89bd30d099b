/**
 * Renders the domain vocabulary as GraphQL enums. `npm run codegen` writes the result to
 * schema/generated/vocabulary.graphql, and a test fails if that file is stale, so the API's enums
 * and the loader's validation come from the same lists.
 */
import { ACTOR_TYPES, CO_MENTION_TERM, ENTITY_KINDS, EVIDENCE_BASES, RELATIONSHIP_TYPES } from './vocabulary.js';

function renderEnum(name: string, description: string, values: Record<string, { description: string; example?: string }>): string {
  const lines = Object.entries(values).map(([value, term]) => {
    const text = term.example ? `${term.description} Example: ${term.example}` : term.description;
    return `  ${JSON.stringify(text)}\n  ${value}`;
  });
  return `${JSON.stringify(description)}\nenum ${name} {\n${lines.join('\n')}\n}\n`;
}

export function renderVocabularySdl(): string {
  return [
    '# Generated from src/domain/vocabulary.ts by `npm run codegen`. Do not edit.\n',
    renderEnum('EntityKind', 'The kind of an entity.', ENTITY_KINDS),
    renderEnum('RelationshipType', 'The closed vocabulary of relationships, each read source → target.', { ...RELATIONSHIP_TYPES, ...CO_MENTION_TERM }),
    renderEnum('ActorType', 'What sort of actor an Actor is.', ACTOR_TYPES),
    renderEnum('EvidenceBasis', 'How a passage supports a relationship.', EVIDENCE_BASES),
  ].join('\n');
}
