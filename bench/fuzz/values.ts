/**
 * fast-check arbitraries for GraphQL input values, driven by the schema's input types. `valid`
 * values coerce to the declared type (though the resolver may still refuse them); `hostile` ones
 * add boundaries, wrong types, nulls, huge strings, unusual unicode and query-language syntax.
 */
import fc from 'fast-check';
import {
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
} from 'graphql';

/** Text that has broken parsers and query builders elsewhere: Cypher, Lucene, JSON, regex, control characters. */
export const HOSTILE_STRINGS = [
  '',
  ' ',
  '"',
  '\\',
  "' OR 1=1 //",
  '") RETURN n //',
  '`x`',
  '$param',
  '{}',
  '*',
  '?',
  '~',
  'AND OR NOT',
  'name:(a OR b)^4',
  '/.*/',
  '[a TO z]',
  '\u0000',
  '\u0000\u0001\u001f',
  '\ud800',
  '\udfff\ud800',
  '\u202e',
  '\ufeff',
  'ﷺ',
  '👩‍👩‍👧‍👦',
  'Z̸̢̧͎̈́a̶̗̓l̴̝̈g̸̣̾o̵̰͑',
  'e\u0301',
  '東京',
  'دفاع',
  '%s%n%x',
  '${7*7}',
  '<script>alert(1)</script>',
  '\r\n\r\n',
  'actor:',
  ':',
  '|||',
  'a|BELONGS_TO|b',
  'doc:',
  'null',
  'undefined',
  'NaN',
];

/** Strings of 10 kB to 300 kB: above body, token and field limits, or just big. */
export const hugeString = fc
  .tuple(fc.constantFrom('x', 'é', '東', '😀', 'a b ', '\\"'), fc.integer({ min: 10_000, max: 300_000 }))
  .map(([unit, length]) => unit.repeat(Math.ceil(length / unit.length)));

const anyText = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom(...HOSTILE_STRINGS),
);

const INT32_MAX = 2 ** 31 - 1;
const BOUNDARY_INTS = [0, 1, -1, 2, 3, 4, 5, 6, 7, 10, 24, 25, 26, 99, 100, 101, 499, 500, 501, 1000, INT32_MAX, -INT32_MAX - 1];

export interface ValueOptions {
  hostile: boolean;
  /** Ids and cursors seen in the live graph, so valid values also reach real data. */
  known: readonly string[];
  /** Whether strings may be huge (not inside long lists, whose size would multiply). */
  huge?: boolean;
}

function scalar(name: string, { hostile, known, huge = true }: ValueOptions): fc.Arbitrary<unknown> {
  const knownIds = known.length ? [fc.constantFrom(...known)] : [];
  const big = huge ? [hugeString] : [];
  switch (name) {
    case 'Int':
      return hostile
        ? fc.oneof(fc.constantFrom(...BOUNDARY_INTS), fc.integer(), fc.constantFrom(2 ** 31, -(2 ** 31) - 1, 2 ** 53, 1.5, -0.5, '3', true))
        : fc.oneof(fc.constantFrom(...BOUNDARY_INTS.filter((n) => n >= 0 && n <= 100)), fc.integer({ min: 0, max: 100 }));
    case 'Float':
      return hostile ? fc.oneof(fc.double({ noNaN: true }), fc.constantFrom('1.0', null)) : fc.double({ noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return hostile ? fc.oneof(fc.boolean(), fc.constantFrom('true', 0, 1)) : fc.boolean();
    case 'LocalDate': {
      const valid = fc
        .date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true })
        .map((date) => date.toISOString().slice(0, 10));
      return hostile
        ? fc.oneof(valid, fc.constantFrom('2025-02-30', '2025-13-01', '2025-6-1', '20250601', '2025-06-30T00:00:00Z', '-0001-01-01', '0000-00-00', ''), anyText, fc.integer())
        : valid;
    }
    case 'ID':
      return hostile
        ? fc.oneof(...knownIds, anyText, ...big, fc.integer(), fc.constantFrom(...known.map((id) => `${id} `), 'actor:NOT-A-SLUG', 'doc:missing'))
        : fc.oneof(...knownIds, fc.stringMatching(/^(actor|country|unit|policy|location|event|equipment|doc):[a-z0-9]+(-[a-z0-9]+){0,3}$/));
    default:
      // String and any scalar the schema adds later.
      return hostile ? fc.oneof(...knownIds, anyText, ...big, fc.integer(), fc.boolean()) : fc.oneof(...knownIds, fc.string({ minLength: 1, maxLength: 30 }), fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 }));
  }
}

/** An arbitrary for a value of `type` (as a JSON variable value or an inline literal). */
export function valueOf(type: GraphQLInputType, options: ValueOptions, depth = 0): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) {
    const inner = present(type.ofType, options, depth);
    return options.hostile ? fc.oneof({ weight: 9, arbitrary: inner }, { weight: 1, arbitrary: fc.constant(null) }) : inner;
  }
  const wrongType = fc.oneof(fc.constant(null), fc.constant({}), fc.constant([]), anyText, fc.integer());
  return fc.oneof({ weight: 9, arbitrary: present(type, options, depth) }, { weight: 1, arbitrary: options.hostile ? wrongType : fc.constant(null) });
}

/** A value that is not null (in valid mode, one that coerces to the nullable `type`). */
function present(type: GraphQLInputType, options: ValueOptions, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(type)) return present(type.ofType, options, depth);
  if (isListType(type)) {
    const item = valueOf(type.ofType, options, depth + 1);
    // A long list repeats one small item: its size, not its variety, is the point.
    const long = fc
      .tuple(valueOf(type.ofType, { ...options, huge: false }, depth + 1), fc.integer({ min: 100, max: 2000 }))
      .map(([one, length]) => Array.from({ length }, () => one));
    return options.hostile
      ? fc.oneof({ weight: 6, arbitrary: fc.array(item, { maxLength: 5 }) }, { weight: 1, arbitrary: long }, { weight: 1, arbitrary: item })
      : fc.array(item, { maxLength: 4 });
  }
  if (isEnumType(type)) {
    const values = type.getValues().map((value) => value.name);
    return options.hostile
      ? fc.oneof(fc.constantFrom(...values), fc.constantFrom(...values.map((v) => v.toLowerCase()), 'NOT_A_VALUE', ''))
      : fc.constantFrom(...values);
  }
  if (isInputObjectType(type)) {
    // Nested inputs are few and shallow in this schema; the bound keeps a recursive schema finite.
    if (depth > 6) return fc.constant({});
    const fields = Object.values(type.getFields());
    const record = fc.record(
      Object.fromEntries(fields.map((field) => [field.name, valueOf(field.type, options, depth + 1)])),
      { requiredKeys: options.hostile ? [] : fields.filter((field) => isNonNullType(field.type)).map((field) => field.name) },
    );
    if (!options.hostile) return record;
    const withExtra = record.map((value) => ({ ...value, fuzzUnknownField: 1 }));
    return fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: withExtra });
  }
  if (isScalarType(type)) return scalar(type.name, options);
  throw new Error(`unexpected input type ${String(type)}`);
}
