/** Loader families (src/resolvers/loaders.ts): one batching loader per argument set, primed values read without a promise. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { GraphClient } from '../../src/graph/client.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import type { EntityRecord } from '../../src/graph/records.js';
import { argumentKey, family, Loaders, whenRead } from '../../src/resolvers/loaders.js';

interface Args {
  limit: number;
}

/** A family whose fetch records each batch it is asked for and answers `<id>@<limit>`. */
function recordingFamily() {
  const batches: string[][] = [];
  const pages = family<Args, string>(
    async (ids, args) => {
      batches.push([...ids]);
      return new Map(ids.filter((id) => id !== 'unknown').map((id) => [id, `${id}@${args.limit}`]));
    },
    (args) => `none@${args.limit}`,
  );
  return { pages, batches };
}

describe('family', () => {
  it('reads a primed value as it is, without asking fetch', () => {
    const { pages, batches } = recordingFamily();
    pages.prime({ limit: 5 }, [['a', 'primed a']]);
    expect(pages.read({ limit: 5 }, 'a')).toBe('primed a');
    expect(batches).toEqual([]);
  });

  it('loads what was not primed, in one batch per argument set, with the fallback for what fetch lacks', async () => {
    const { pages, batches } = recordingFamily();
    pages.prime({ limit: 5 }, [['a', 'primed a']]);
    const reads = [pages.read({ limit: 5 }, 'b'), pages.read({ limit: 5 }, 'unknown'), pages.read({ limit: 9 }, 'a')];
    expect(reads.every((read) => read instanceof Promise)).toBe(true);
    expect(await Promise.all(reads)).toEqual(['b@5', 'none@5', 'a@9']);
    expect(batches).toEqual([['b', 'unknown'], ['a']]);
  });

  it('shares one loader between equal argument sets, and the loader sees the primed value too', async () => {
    const { pages, batches } = recordingFamily();
    expect(pages({ limit: 5 })).toBe(pages({ limit: 5 }));
    expect(pages({ limit: 5 })).not.toBe(pages({ limit: 6 }));
    pages.prime({ limit: 5 }, [['a', 'primed a']]);
    expect(await pages({ limit: 5 }).load('a')).toBe('primed a');
    expect(batches).toEqual([]);
  });

  it('asks fetch only for the ids of a batch that were not primed, before or after the loader was made', async () => {
    const { pages, batches } = recordingFamily();
    const loader = pages({ limit: 5 });
    pages.prime({ limit: 5 }, [['a', 'primed a']]);
    expect(await Promise.all([loader.load('a'), loader.load('b'), pages.read({ limit: 5 }, 'c')])).toEqual(['primed a', 'b@5', 'c@5']);
    expect(batches).toEqual([['b', 'c']]);
  });

  it('keeps argument sets apart when one args object is reused, alternated with others', () => {
    const { pages } = recordingFamily();
    const five = { limit: 5 };
    const six = { limit: 6 };
    pages.prime(five, [
      ['a', 'a under 5'],
      ['b', 'b under 5'],
    ]);
    pages.prime(six, [['a', 'a under 6']]);
    expect(pages.read(five, 'a')).toBe('a under 5');
    expect(pages.read(six, 'a')).toBe('a under 6');
    expect(pages.read({ limit: 5 }, 'b')).toBe('b under 5');
    expect(pages(five)).toBe(pages({ limit: 5 }));
  });
});

describe('argumentKey', () => {
  // Small domains over the characters the key is built of, so that random pairs often come close.
  const text = fc.string({ unit: fc.constantFrom('a', '1', ',', ';', ':', '~'), maxLength: 2 });
  const scalar = fc.oneof(text, fc.integer({ min: 0, max: 2 }), fc.constantFrom(Number.NaN, Infinity), fc.boolean(), fc.constant(null));
  // Lists of enum names in practice; anything JSON can write is keyed as JSON would be.
  const value = fc.oneof(scalar, fc.constant(undefined), fc.array(fc.oneof(text, scalar, fc.constant(undefined)), { maxLength: 2 }), fc.dictionary(text, scalar, { maxKeys: 1 }));
  const args = fc.record({ direction: value, types: value }, { requiredKeys: [] });

  it('is equal for two argument sets exactly when their JSON is', () => {
    fc.assert(
      fc.property(args, args, (a, b) => {
        expect(argumentKey(a) === argumentKey(b)).toBe(JSON.stringify(a) === JSON.stringify(b));
      }),
      { numRuns: 20_000 },
    );
  });

  it('tells apart sets whose values would run together unmarked', () => {
    const distinct = [
      { types: ['a,b'] },
      { types: ['a', 'b'] },
      { types: [] },
      { types: null },
      {},
      { types: 'a' },
      { types: ['a'] },
      { types: '1' },
      { types: 1 },
      { types: 'true' },
      { types: true },
      { types: '1;offset=2' },
      { types: '1', offset: 2 },
      { types: { a: '1;offset=2' } },
      { types: { a: '1' }, offset: 2 },
    ];
    expect(new Set(distinct.map(argumentKey)).size).toBe(distinct.length);
    expect(argumentKey({ types: undefined, offset: 0 })).toBe(argumentKey({ offset: 0 }));
  });
});

describe('Loaders', () => {
  it('creates each loader on first use and keeps it for the request', () => {
    const loaders = new Loaders(null as unknown as GraphClient, NO_DEADLINE);
    expect(loaders.entity).toBe(loaders.entity);
    expect(loaders.relationships).toBe(loaders.relationships);
    expect(loaders.evidence).not.toBe(new Loaders(null as unknown as GraphClient, NO_DEADLINE).evidence);
  });

  it('answers entities that arrived inside other records without the database, skipping absent ones', async () => {
    // No GraphClient: a round trip would throw.
    const loaders = new Loaders(null as unknown as GraphClient, NO_DEADLINE);
    const one = { id: 'e1', name: 'One' } as unknown as EntityRecord;
    const two = { id: 'e2', name: 'Two' } as unknown as EntityRecord;
    loaders.rememberEntities(undefined, one);
    loaders.rememberEntities(two, one);
    expect(await loaders.entity.loadMany(['e1', 'e2', 'e1'])).toEqual([one, two, one]);
  });
});

describe('whenRead', () => {
  it('maps a plain value without a promise, and a promise into a promise', async () => {
    expect(whenRead(2, (n) => n * 10)).toBe(20);
    const mapped = whenRead(Promise.resolve(3), (n) => n * 10);
    expect(mapped).toBeInstanceOf(Promise);
    expect(await mapped).toBe(30);
  });
});
