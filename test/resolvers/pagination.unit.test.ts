/** Cursors: opaque, stable, and read back by pageWindow as the offset after them. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCursor, pageWindow, toConnection } from '../../src/resolvers/pagination.js';

const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('encodeCursor', () => {
  it('is base64url of "o:<offset>", inside and beyond the precomputed offsets', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 999_999_999 })), (offset) => {
        expect(encodeCursor(offset)).toBe(base64url(`o:${offset}`));
      }),
    );
  });

  it('is read back by pageWindow as the next offset', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_998 }), (offset) => {
        expect(pageWindow(10, encodeCursor(offset)).offset).toBe(offset + 1);
      }),
    );
  });
});

describe('toConnection', () => {
  it('gives each edge the cursor of its position, and the page its first and last', () => {
    const connection = toConnection({ items: ['a', 'b', 'c'], totalCount: 1030, offset: 1022 });
    expect(connection.edges.map((edge) => edge.cursor)).toEqual([1022, 1023, 1024].map((offset) => base64url(`o:${offset}`)));
    expect(connection.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: true,
      startCursor: base64url('o:1022'),
      endCursor: base64url('o:1024'),
    });
  });

  it('has no cursors for an empty page', () => {
    expect(toConnection({ items: [], totalCount: 0, offset: 0 }).pageInfo).toEqual({ hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null });
  });
});
