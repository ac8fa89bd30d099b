/** Argument parsers shared by the bench CLIs (commander calls them on each option's text). */
import { InvalidArgumentError } from 'commander';

/** A positive integer; `_` separators are allowed (`--entities 1_000_000`). */
export function positiveInt(value: string): number {
  const n = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}
