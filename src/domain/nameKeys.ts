/**
 * Normalised name keys: how entities are matched by name within and across articles. "The U.S.",
 * "US" and "U.S" share a key; "Japan's" and "Japan" share one; case and accents are folded.
 * Entities store the keys of their name and aliases (`nameKeys`), so a lookup is an index hit.
 */

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'sir', 'madam']);

/** "Seventh Regiment" and "7th Regiment" are one name: ordinal words become numbers. */
const ORDINALS: Record<string, string> = Object.fromEntries(
  ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth', 'thirteenth', 'fourteenth', 'fifteenth', 'sixteenth', 'seventeenth', 'eighteenth', 'nineteenth', 'twentieth'].map(
    (word, index) => [word, `${index + 1}${index + 1 === 1 ? 'st' : index + 1 === 2 ? 'nd' : index + 1 === 3 ? 'rd' : 'th'}`],
  ),
);

/** One name's key: NFKC, accents and case folded, possessive and leading article dropped, dots in initialisms removed. */
export function nameKey(name: string): string {
  let key = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .normalize('NFKC')
    .replace(/[’‘`]/g, "'")
    .replace(/'s?$/i, '')
    .trim();
  // "U.S." → "US", "U.K" → "UK": dots between single capitals are spelling, not structure.
  key = key.replace(/\b((?:\p{Lu}\.){1,}\p{Lu})\.?/gu, (initialism) => initialism.replace(/\./g, ''));
  key = key.toLowerCase().replace(/[\s\u00a0]+/g, ' ').replace(/^the /, '');
  const words = key.split(' ').map((word) => ORDINALS[word] ?? word);
  while (words.length > 1 && HONORIFICS.has(words[0]!.replace(/\.$/, ''))) words.shift();
  return words.join(' ').replace(/[.,;:]+$/, '');
}

/** The distinct keys of a name and its aliases, in order. */
export function nameKeys(name: string, aliases: readonly string[] = []): string[] {
  return [...new Set([name, ...aliases].map(nameKey).filter(Boolean))];
}
