/**
 * The seed extraction and mutated copies of it, shared by the validation tests (pure and with the
 * database). Each invalid case edits the seed YAML text at one place and records the offset of the
 * edited value, so the expected `file:line:col` comes from the edit itself, not from the validator.
 */
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { SEED_DIR } from '../../src/paths.js';
import { makeTempDir } from './tempDirs.js';

export const SEED_FILE = join(SEED_DIR, 'japan-missile-regiments.yaml');
export const SEED_YAML = readFileSync(SEED_FILE, 'utf8');

interface RawRelationship {
  type: string;
  source: string;
  target: string;
  evidence: { quote: string; start: number; end: number; basis: string }[];
}
interface RawSeed {
  document: { id: string; textFile: string };
  entities: { id: string; kind: string; name: string; aliases?: string[] }[];
  relationships: RawRelationship[];
}

/** The seed as written (no defaults, no validation), to derive expectations from. */
export const RAW_SEED = parse(SEED_YAML) as RawSeed;
export const SEED_TEXT_FILE = RAW_SEED.document.textFile;
export const SEED_TEXT = readFileSync(join(SEED_DIR, SEED_TEXT_FILE), 'utf8');

/** `line:col` (1-based) of an offset in a text. */
export function lineCol(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return `${line}:${offset - (before.lastIndexOf('\n') + 1) + 1}`;
}

/**
 * Writes an extraction file (and the seed's text file beside it) into a fresh temporary folder;
 * the calling test file removes it with `afterAll(removeTempDirs)` (./tempDirs.ts).
 */
export function writeExtractionDir(yaml: string, name = 'extraction.yaml'): { dir: string; file: string } {
  const dir = makeTempDir('newsgraph-extraction-');
  copyFileSync(join(SEED_DIR, SEED_TEXT_FILE), join(dir, SEED_TEXT_FILE));
  const file = join(dir, name);
  writeFileSync(file, yaml);
  return { dir, file };
}

export interface Edit {
  yaml: string;
  /** Offset in the edited YAML where the problem is expected to be reported. */
  at: number;
}

/**
 * Replaces the first `find` after `anchor`, within the same list item, by `replacement`; `at` is the
 * offset of `pointAt` (a substring of the replacement, by default all of it) in the result.
 */
export function replaceAfter(yaml: string, anchor: string, find: string, replacement: string, pointAt = replacement): Edit {
  const anchorAt = yaml.indexOf(anchor);
  if (anchorAt === -1) throw new Error(`fixture: anchor ${JSON.stringify(anchor)} not in the seed`);
  const foundAt = yaml.indexOf(find, anchorAt);
  const nextItem = yaml.indexOf('\n  - ', anchorAt + anchor.length);
  if (foundAt === -1 || (nextItem !== -1 && foundAt > nextItem)) {
    throw new Error(`fixture: ${JSON.stringify(find)} not in the item ${JSON.stringify(anchor)}`);
  }
  const pointOffset = replacement.indexOf(pointAt);
  if (pointOffset === -1) throw new Error('fixture: pointAt must be part of the replacement');
  return { yaml: yaml.slice(0, foundAt) + replacement + yaml.slice(foundAt + find.length), at: foundAt + pointOffset };
}

/** Inserts `block` before `before` (first occurrence); `at` points at `pointAt` inside the block. */
export function insertBefore(yaml: string, before: string, block: string, pointAt: string): Edit {
  const where = yaml.indexOf(before);
  if (where === -1) throw new Error(`fixture: ${JSON.stringify(before)} not in the seed`);
  return { yaml: yaml.slice(0, where) + block + yaml.slice(where), at: where + block.indexOf(pointAt) };
}

/** The seed's first relationship matching, as the label the validator uses: `TYPE source → target`. */
export function relationshipLabel(type: string, source?: string): string {
  const found = RAW_SEED.relationships.find((r) => r.type === type && (source === undefined || r.source === source));
  if (!found) throw new Error(`fixture: no ${type} relationship in the seed`);
  return `${found.type} ${found.source} → ${found.target}`;
}

export function seedRelationship(type: string, source?: string): RawRelationship {
  const found = RAW_SEED.relationships.find((r) => r.type === type && (source === undefined || r.source === source));
  if (!found) throw new Error(`fixture: no ${type} relationship in the seed`);
  return found;
}

/** The YAML block of one seed list item (from its `  - ` line to the blank line after it). */
function itemBlock(yaml: string, anchor: string): { text: string; end: number } {
  const start = yaml.lastIndexOf('\n  - ', yaml.indexOf(anchor)) + 1;
  const end = yaml.indexOf('\n\n', start) + 1;
  return { text: yaml.slice(start, end), end };
}

export interface InvalidCase {
  name: string;
  edit: () => Edit;
  /** Every string must appear in the problem's message: the item first, then what is wrong. */
  expected: string[];
  /** YAML syntax errors name a position only and may come several at once; the first is checked. */
  syntax?: boolean;
}

export const INVALID_CASES: InvalidCase[] = [
  {
    name: 'unknown entity kind',
    edit: () => replaceAfter(SEED_YAML, '- id: unit:chinese-navy', 'kind: Unit', 'kind: Navy', 'Navy'),
    expected: ['entity "unit:chinese-navy"', '"Navy"'],
  },
  {
    name: 'unknown relationship type',
    edit: () => replaceAfter(SEED_YAML, '- type: LEADS', 'type: LEADS', 'type: COMMANDS', 'COMMANDS'),
    expected: [relationshipLabel('LEADS').replace('LEADS', 'COMMANDS'), '"COMMANDS"'],
  },
  {
    name: 'unknown field on an entity',
    edit: () => replaceAfter(SEED_YAML, '- id: country:china', 'kind: Country\n', 'kind: Country\n    capital: Beijing\n', 'Beijing'),
    expected: ['entity "country:china"', 'unknown field', '"capital"'],
  },
  {
    name: 'unknown field on evidence',
    edit: () => replaceAfter(SEED_YAML, '- type: RELIES_ON', 'basis: STATED', 'basis: STATED\n        confidence: high', 'high'),
    expected: [relationshipLabel('RELIES_ON'), 'unknown field', '"confidence"'],
  },
  {
    name: 'duplicate entity id',
    edit: () =>
      insertBefore(
        SEED_YAML,
        '\nrelationships:',
        '\n  - id: country:china\n    kind: Country\n    name: China\n    description: The same country, listed twice.\n',
        'country:china',
      ),
    expected: ['duplicate entity id "country:china"'],
  },
  {
    name: 'dangling relationship source',
    edit: () => replaceAfter(SEED_YAML, '- type: DETERS', 'source: unit:seventh-regiment', 'source: unit:eighth-regiment', 'unit:eighth-regiment'),
    expected: [relationshipLabel('DETERS').replace('unit:seventh-regiment', 'unit:eighth-regiment'), 'source "unit:eighth-regiment" is not an entity'],
  },
  {
    name: 'dangling relationship target',
    edit: () =>
      replaceAfter(SEED_YAML, '- type: USES', `target: ${seedRelationship('USES').target}`, 'target: equipment:hypersonic-missiles', 'equipment:hypersonic-missiles'),
    expected: [`USES ${seedRelationship('USES').source} → equipment:hypersonic-missiles`, 'target "equipment:hypersonic-missiles" is not an entity'],
  },
  {
    name: 'quote not found verbatim',
    edit: () => {
      const quote = seedRelationship('DETERS').evidence[0]!.quote;
      const changed = quote.replace('display', 'show');
      if (changed === quote || SEED_TEXT.includes(changed)) throw new Error('fixture: the changed quote must not be in the text');
      return replaceAfter(SEED_YAML, '- type: DETERS', `quote: "${quote}"`, `quote: "${changed}"`, `"${changed}"`);
    },
    expected: [relationshipLabel('DETERS'), 'is not found verbatim'],
  },
  {
    name: 'offsets that do not hold the quote',
    edit: () => {
      const { start, end } = seedRelationship('LEADS').evidence[0]!;
      return replaceAfter(SEED_YAML, '- type: LEADS', `start: ${start}\n        end: ${end}`, `start: ${start + 1}\n        end: ${end + 1}`, `${start + 1}`);
    },
    expected: (() => {
      const { quote, start, end } = seedRelationship('LEADS').evidence[0]!;
      const actual = SEED_TEXT.indexOf(quote);
      return [relationshipLabel('LEADS'), `offsets ${start + 1}..${end + 1}`, `the quote is at start: ${actual}, end: ${actual + quote.length}`];
    })(),
  },
  {
    name: 'entity never named in the text',
    edit: () => {
      if (SEED_TEXT.includes('Far East')) throw new Error('fixture: "Far East" must not be in the text');
      return replaceAfter(SEED_YAML, '- id: location:east-asia', 'name: East Asia', 'name: Far East', 'Far East');
    },
    expected: ['entity "location:east-asia" is never named', '"Far East"'],
  },
  {
    name: 'the same alias on two entities',
    edit: () => replaceAfter(SEED_YAML, '- id: country:united-states', 'aliases: [', 'aliases: ["Tokyo", ', '['),
    expected: ['"Tokyo" names both "country:japan" and "country:united-states"'],
  },
  {
    name: 'duplicate relationship',
    edit: () => {
      const block = itemBlock(SEED_YAML, '- type: NEGOTIATES_WITH\n    source: country:japan');
      const copy = `\n${block.text}`;
      return { yaml: SEED_YAML.slice(0, block.end) + copy + SEED_YAML.slice(block.end), at: block.end + copy.indexOf('type:') };
    },
    expected: [`relationship ${relationshipLabel('NEGOTIATES_WITH', 'country:japan')} is listed twice`],
  },
  {
    name: 'bad entity id format',
    edit: () => replaceAfter(SEED_YAML, '- id: actor:yohei-ito', 'actor:yohei-ito', 'Actor:Yohei_Ito'),
    expected: ['entity "Actor:Yohei_Ito"', 'must look like'],
  },
  {
    name: 'bad relationship end id format',
    edit: () => replaceAfter(SEED_YAML, '- type: RELIES_ON', 'source: country:japan', 'source: Japan', 'Japan'),
    expected: [relationshipLabel('RELIES_ON').replace('country:japan', 'Japan'), 'must look like'],
  },
  {
    name: 'bad YAML syntax (tab indentation)',
    edit: () => replaceAfter(SEED_YAML, '- id: actor:ryosei-akazawa', '    role: trade envoy', '\trole: trade envoy', '\t'),
    expected: ['not valid YAML'],
    syntax: true,
  },
  {
    name: 'bad YAML (duplicate key)',
    edit: () => replaceAfter(SEED_YAML, '- id: actor:ryosei-akazawa', '    name: Ryosei Akazawa\n', '    name: Ryosei Akazawa\n    name: Akazawa\n', 'name: Akazawa'),
    expected: ['not valid YAML', 'unique'],
    syntax: true,
  },
];
