import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toParameters, toPlain } from '../../src/graph/values.js';

describe('toPlain', () => {
  it('turns Neo4j integers into numbers at any depth of lists and maps', () => {
    const row = { count: neo4j.int(7), page: { total: neo4j.int(2), items: [{ id: 'a', degree: neo4j.int(3) }, { id: 'b', degree: neo4j.int(0) }] } };
    expect(toPlain(row)).toEqual({ count: 7, page: { total: 2, items: [{ id: 'a', degree: 3 }, { id: 'b', degree: 0 }] } });
  });

  it('refuses an integer outside JavaScript’s safe range instead of rounding it', () => {
    expect(() => toPlain({ big: neo4j.int('9007199254740993') })).toThrow(/safe range/);
  });

  it('writes temporal values as ISO strings', () => {
    expect(toPlain({ day: new neo4j.types.Date(2025, 3, 9) })).toEqual({ day: '2025-03-09' });
  });

  it('replaces nodes and relationships by their (converted) properties', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'country:japan', degree: neo4j.int(12) }, 'element-1');
    expect(toPlain([node])).toEqual([{ id: 'country:japan', degree: 12 }]);
    // The node itself is left as the driver made it.
    expect(neo4j.isInt(node.properties.degree)).toBe(true);
  });

  it('maps null and undefined to null and leaves other scalars alone', () => {
    expect(toPlain({ a: null, b: undefined, c: 'text', d: 1.5, e: true })).toEqual({ a: null, b: null, c: 'text', d: 1.5, e: true });
  });
});

describe('toParameters', () => {
  it('sends whole numbers as Neo4j integers and everything else unchanged', () => {
    const params = toParameters({ limit: 10, ratio: 0.5, ids: ['a'], nested: { offset: 20 } });
    expect(neo4j.isInt(params.limit)).toBe(true);
    expect(params.ratio).toBe(0.5);
    expect(params.ids).toEqual(['a']);
    expect(neo4j.isInt((params.nested as { offset: unknown }).offset)).toBe(true);
  });
});
