/** What every benchmark's results share: the file-name stamp and the median of repeated rounds. */

/** The run's stamp in result file names: the UTC date and time to the second, e.g. 2026-11-30T06-41-35. */
export const resultStamp = (date = new Date()): string => date.toISOString().replace(/[:.]/g, '-').slice(0, 19);

/** The middle value (the mean of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
