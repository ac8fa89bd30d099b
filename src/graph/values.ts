/**
 * Converts what neo4j-driver returns into plain JavaScript, so Neo4j integers never leak to
 * GraphQL as `{ low, high }` and temporal values become ISO strings.
 */
import neo4j from 'neo4j-driver';

export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  // Strings, numbers and booleans — most values — need nothing: return them before any check
  // (docs/decisions/006-lighter-graphql-layer.md).
  if (typeof value !== 'object') return value;
  // Lists and maps are converted in place: the driver decodes a fresh copy of every result and
  // nothing else holds it, so a copy would be pure cost.
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = toPlain(value[i]);
    return value;
  }
  if (Object.getPrototypeOf(value) === Object.prototype) {
    const map = value as Record<string, unknown>;
    for (const key of Object.keys(map)) map[key] = toPlain(map[key]);
    return map;
  }
  if (neo4j.isInt(value)) {
    // Counts and offsets in this model stay far below 2^53; refuse silently wrong numbers anyway.
    if (!neo4j.integer.inSafeRange(value)) throw new RangeError(`Integer ${value.toString()} exceeds JavaScript's safe range`);
    return value.toNumber();
  }
  if (isTemporal(value)) return String(value);
  if (value instanceof neo4j.types.Node) return toPlain({ ...value.properties });
  if (value instanceof neo4j.types.Relationship) return toPlain({ ...value.properties });
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, inner]) => [key, toPlain(inner)]));
}

function isTemporal(value: unknown): boolean {
  return (
    neo4j.isDate(value as never) ||
    neo4j.isDateTime(value as never) ||
    neo4j.isLocalDateTime(value as never) ||
    neo4j.isTime(value as never) ||
    neo4j.isLocalTime(value as never) ||
    neo4j.isDuration(value as never)
  );
}

/**
 * JavaScript numbers reach Cypher as floats, which LIMIT/SKIP refuse and which would store
 * offsets as 12.0. Whole numbers become Neo4j integers; everything else passes unchanged.
 */
export function toParameters(value: Record<string, unknown>): Record<string, unknown> {
  return convertIntegers(value) as Record<string, unknown>;
}

function convertIntegers(value: unknown): unknown {
  if (typeof value === 'number') return Number.isInteger(value) ? neo4j.int(value) : value;
  if (Array.isArray(value)) return value.map(convertIntegers);
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, convertIntegers(inner)]));
  }
  return value;
}
