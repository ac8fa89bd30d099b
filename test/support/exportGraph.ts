/**
 * A deterministic text dump of the whole database: every node with its labels and properties, and
 * every relationship with its type, properties and ends. Two dumps are equal exactly when the data
 * is the same, except for the timestamps in TIMESTAMP_PROPERTIES (they record when, not what).
 * Compare dumps taken before and after an operation to prove it changed nothing at all, or a dump
 * after an undo with one taken before the change.
 *
 * Each value carries its Cypher type, so 1 (INTEGER) and 1.0 (FLOAT), or a DATE and the string of
 * its ISO form, do not compare equal. Lines are sorted, so neither storage order nor element ids
 * matter.
 */
import type { GraphClient } from '../../src/graph/client.js';

/** Properties set to the time of writing (`Document.ingestedAt`, `Migration.appliedAt`); left out of the dump. */
export const TIMESTAMP_PROPERTIES = ['ingestedAt', 'appliedAt'] as const;

interface PropertyRow {
  key: string;
  type: string;
  value: unknown;
}

interface NodeRow {
  elementId: string;
  labels: string[];
  properties: PropertyRow[];
  outgoing: { type: string; target: string; properties: PropertyRow[] }[];
}

const dump = {
  name: 'test.exportGraph',
  // One statement, so the dump is one consistent snapshot.
  cypher: `
    MATCH (n)
    OPTIONAL MATCH (n)-[r]->(m)
    WITH n, collect(CASE WHEN r IS NULL THEN null ELSE {
      type: type(r),
      target: elementId(m),
      properties: [key IN keys(r) WHERE NOT key IN $excluded | {key: key, type: valueType(r[key]), value: r[key]}]
    } END) AS outgoing
    RETURN elementId(n) AS elementId, labels(n) AS labels,
           [key IN keys(n) WHERE NOT key IN $excluded | {key: key, type: valueType(n[key]), value: n[key]}] AS properties,
           outgoing`,
};

/** `{a: "x" STRING, b: 3 INTEGER}` with keys sorted. */
function renderProperties(properties: readonly PropertyRow[]): string {
  const rendered = [...properties]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map(({ key, type, value }) => `${key}: ${JSON.stringify(value)} ${type.replace(/ NOT NULL/g, '')}`);
  return `{${rendered.join(', ')}}`;
}

const renderLabels = (labels: readonly string[]) => [...labels].sort().map((label) => `:${label}`).join('');

/** The whole graph as sorted lines: nodes first, then relationships; ends ids by `id` where nodes have one. */
export async function exportGraph(client: GraphClient): Promise<string> {
  const rows = await client.read<NodeRow>(dump, { excluded: [...TIMESTAMP_PROPERTIES] });

  const nodeLines = new Map<string, string>();
  const keys = new Map<string, string>();
  for (const row of rows) {
    const line = `(${renderLabels(row.labels)} ${renderProperties(row.properties)})`;
    nodeLines.set(row.elementId, line);
    // Relationship ends name the node by its `id` (short and stable); nodes without one in full.
    const id = row.properties.find((property) => property.key === 'id');
    keys.set(row.elementId, id ? `(${renderLabels(row.labels)} {id: ${JSON.stringify(id.value)}})` : line);
  }

  const relationshipLines = rows.flatMap((row) =>
    row.outgoing.map((r) => `${keys.get(row.elementId)}-[:${r.type} ${renderProperties(r.properties)}]->${keys.get(r.target) ?? '(?)'}`),
  );
  const sorted = (lines: Iterable<string>) => [...lines].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return [
    `# ${nodeLines.size} nodes`,
    ...sorted(nodeLines.values()),
    `# ${relationshipLines.length} relationships`,
    ...sorted(relationshipLines),
    '',
  ].join('\n');
}
