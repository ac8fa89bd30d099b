/** Loader families (src/resolvers/loaders.ts): one batching loader per argument set, primed values read without a promise. */
import { describe, expect, it } from 'vitest';
import { family, whenRead } from '../../src/resolvers/loaders.js';

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
    pages.prime({ limit: 5 }, 'a', 'primed a');
    expect(pages.read({ limit: 5 }, 'a')).toBe('primed a');
    expect(batches).toEqual([]);
  });

  it('loads what was not primed, in one batch per argument set, with the fallback for what fetch lacks', async () => {
    const { pages, batches } = recordingFamily();
    pages.prime({ limit: 5 }, 'a', 'primed a');
    const reads = [pages.read({ limit: 5 }, 'b'), pages.read({ limit: 5 }, 'unknown'), pages.read({ limit: 9 }, 'a')];
    expect(reads.every((read) => read instanceof Promise)).toBe(true);
    expect(await Promise.all(reads)).toEqual(['b@5', 'none@5', 'a@9']);
    expect(batches).toEqual([['b', 'unknown'], ['a']]);
  });

  it('shares one loader between equal argument sets, and the loader sees the primed value too', async () => {
    const { pages, batches } = recordingFamily();
    expect(pages({ limit: 5 })).toBe(pages({ limit: 5 }));
    expect(pages({ limit: 5 })).not.toBe(pages({ limit: 6 }));
    pages.prime({ limit: 5 }, 'a', 'primed a');
    expect(await pages({ limit: 5 }).load('a')).toBe('primed a');
    expect(batches).toEqual([]);
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
