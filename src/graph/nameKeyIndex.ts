/**
 * How entities store their name keys (src/domain/nameKeys.ts): the list `nameKeys`, and the same
 * keys joined in `nameKeyText`, which a text index (migration 5) serves for `CONTAINS` — Neo4j
 * indexes no list elements, so a lookup by one key is a text-index hit on `SEP + key + SEP`.
 */
export const NAME_KEY_SEPARATOR = '\u001f';

/** The `nameKeyText` needle for one key. */
export const nameKeyNeedle = (key: string) => `${NAME_KEY_SEPARATOR}${key}${NAME_KEY_SEPARATOR}`;

/** Cypher: adds the keys in `keys` (a list expression) to entity `e`'s nameKeys and rebuilds nameKeyText. */
export const ADD_NAME_KEYS = (e: string, keys: string) => `
    SET ${e}.nameKeys = reduce(known = coalesce(${e}.nameKeys, []), key IN ${keys} | CASE WHEN key IN known THEN known ELSE known + key END)
    SET ${e}.nameKeyText = reduce(text = '${NAME_KEY_SEPARATOR}', key IN ${e}.nameKeys | text + key + '${NAME_KEY_SEPARATOR}')`;

/** Cypher: replaces entity `e`'s keys with `keys`. */
export const SET_NAME_KEYS = (e: string, keys: string) => `
    SET ${e}.nameKeys = ${keys}
    SET ${e}.nameKeyText = reduce(text = '${NAME_KEY_SEPARATOR}', key IN ${e}.nameKeys | text + key + '${NAME_KEY_SEPARATOR}')`;
