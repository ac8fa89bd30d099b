/** Loader families (src/resolvers/loaders.ts): one batching loader per argument set, primed values read without a promise. */
import { describe, expect, it } from 'vitest';
import type { GraphClient } from '../../src/graph/client.js';
import { NO_DEADLINE } from '../../src/graph/deadline.js';
import type { EntityRecord } from '../../src/graph/records.js';
import { family, Loaders, whenRead } from '../../src/resolvers/loaders.js';

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

describe('Loaders', () => {
  it('creates each loader on first use and keeps it for the request', () => {
    const loaders = new Loaders(null as unknown as GraphClient, NO_DEADLINE);
    expect(loaders.entity).toBe(loaders.entity);
    expect(loaders.relationships).toBe(loaders.relationships);
    expect(loaders.evidence).not.toBe(new Loaders(null as unknown as GraphClient, NO_DEADLINE).evidence);
  });

  it('primes entities that arrive inside other records, skipping absent ones', async () => {
    const loaders = new Loaders(null as unknown as GraphClient, NO_DEADLINE);
    const record = { id: 'e1', name: 'One' } as unknown as EntityRecord;
    loaders.primeEntities(undefined, record);
    expect(await loaders.entity.load('e1')).toBe(record);
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
