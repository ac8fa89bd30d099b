import { basename } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { checkExtraction, ExtractionError, validateExtraction } from '../../src/domain/validateExtraction.js';
import { INVALID_CASES, lineCol, RAW_SEED, replaceAfter, SEED_FILE, SEED_TEXT, SEED_YAML, writeExtractionDir } from '../support/extractionFixtures.js';
import { removeTempDirs } from '../support/tempDirs.js';

afterAll(removeTempDirs);

/** Reads a file that must be rejected and returns the error. */
function rejection(file: string): ExtractionError {
  try {
    readExtractionFile(file);
  } catch (error) {
    if (error instanceof ExtractionError) return error;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

/** The seed as plain input (text inlined), for the in-memory validator. */
function seedInput(): Record<string, unknown> & { document: Record<string, unknown> } {
  const input = structuredClone(RAW_SEED) as unknown as Record<string, unknown> & { document: Record<string, unknown> };
  delete input.document.textFile;
  input.document.text = SEED_TEXT;
  return input;
}

describe('the seed extraction', () => {
  it('is valid as a file and as an in-memory object', () => {
    const fromFile = readExtractionFile(SEED_FILE);
    expect(fromFile.extraction.entities).toHaveLength(RAW_SEED.entities.length);
    expect(fromFile.extraction.relationships).toHaveLength(RAW_SEED.relationships.length);
    expect(fromFile.extraction.document.text).toBe(SEED_TEXT);
    expect(checkExtraction(seedInput())).toMatchObject({ ok: true });
  });
});

describe('readExtractionFile rejects, naming the item and its file:line:col', () => {
  it.each(INVALID_CASES)('$name', (invalid) => {
    const { yaml, at } = invalid.edit();
    expect(yaml).not.toBe(SEED_YAML);
    const { file } = writeExtractionDir(yaml);
    const error = rejection(file);
    const position = `${basename(file)}:${lineCol(yaml, at)}`;

    if (!invalid.syntax) expect(error.problems, error.message).toHaveLength(1);
    const [problem] = error.problems;
    expect(problem?.location, error.message).toMatch(new RegExp(`(^|/)${position.replace(/\./g, '\\.')}$`));
    for (const part of invalid.expected) expect(problem?.message).toContain(part);
    // The thrown message carries the same facts on one line: position, then the item and the problem.
    const line = error.message.split('\n').find((l) => l.includes(`${position} `));
    expect(line, error.message).toBeDefined();
    for (const part of invalid.expected) expect(line).toContain(part);
    expect(error.message).toMatch(/nothing was written/);
  });

  it('reports every problem of a file at once', () => {
    // The second edit comes later in the file, so the first one's offset stays valid.
    const first = replaceAfter(SEED_YAML, '- id: location:east-asia', 'name: East Asia', 'name: Far East', 'Far East');
    const both = replaceAfter(first.yaml, '- type: DETERS', 'source: unit:seventh-regiment', 'source: unit:eighth-regiment', 'unit:eighth-regiment');
    expect(both.at).toBeGreaterThan(first.at);
    const { file } = writeExtractionDir(both.yaml);
    const error = rejection(file);
    expect(error.problems.map((p) => p.location?.split(':').slice(-2).join(':')).sort()).toEqual(
      [lineCol(both.yaml, first.at), lineCol(both.yaml, both.at)].sort(),
    );
    expect(error.message).toMatch(/\(2 problems\)/);
  });

  it('names a missing text file', () => {
    const { yaml, at } = replaceAfter(SEED_YAML, 'document:', `textFile: ${RAW_SEED.document.textFile}`, 'textFile: missing.txt', 'missing.txt');
    const error = rejection(writeExtractionDir(yaml).file);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]?.location).toMatch(new RegExp(`:${lineCol(yaml, at)}$`));
    expect(error.problems[0]?.message).toContain('cannot read "missing.txt"');
  });
});

describe('validateExtraction (in memory)', () => {
  it('reports problems by input path, naming the item', () => {
    const input = seedInput();
    const entities = input.entities as { id: string; kind: string }[];
    const index = entities.findIndex((e) => e.id === 'unit:chinese-navy');
    entities[index]!.kind = 'Navy';
    const result = checkExtraction(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual([{ path: ['entities', index, 'kind'], message: expect.stringContaining('entity "unit:chinese-navy"') }]);
    expect(() => validateExtraction(input, 'ingestDocument')).toThrow(/^ingestDocument is invalid \(1 problem\); nothing was written/);
    expect(() => validateExtraction(input)).toThrow(`entities[${index}].kind: entity "unit:chinese-navy"`);
  });

  it('rejects a relationship from an entity to itself', () => {
    const input = seedInput();
    const relationships = input.relationships as { type: string; source: string; target: string }[];
    const index = relationships.findIndex((r) => r.type === 'RELIES_ON');
    relationships[index]!.target = relationships[index]!.source;
    const result = checkExtraction(input);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ path: ['relationships', index, 'target'], message: expect.stringContaining('source and target are the same entity') }],
    });
  });

  it('rejects the same evidence listed twice for one relationship', () => {
    const input = seedInput();
    const relationships = input.relationships as { type: string; evidence: unknown[] }[];
    const index = relationships.findIndex((r) => r.type === 'RELIES_ON');
    const evidence = relationships[index]!.evidence;
    evidence.push(structuredClone(evidence[0]));
    const result = checkExtraction(input);
    expect(result).toMatchObject({
      ok: false,
      problems: [{ path: ['relationships', index, 'evidence', evidence.length - 1, 'start'], message: expect.stringMatching(/^relationship RELIES_ON .* is listed twice \(also at evidence\[0\]\)$/) }],
    });
  });

  it('rejects offsets of another occurrence of the quote and suggests every occurrence', () => {
    // "Japan" occurs many times; evidence pointing at the wrong one is caught and the right ones listed.
    const occurrences = [...SEED_TEXT.matchAll(/Japan/g)].map((m) => m.index);
    expect(occurrences.length).toBeGreaterThan(1);
    const input = seedInput();
    const relationship = (input.relationships as { type: string; evidence: { quote: string; start: number; end: number }[] }[]).find(
      (r) => r.type === 'RELIES_ON',
    )!;
    relationship.evidence[0] = { ...relationship.evidence[0]!, quote: 'Japan', start: 1, end: 6 };
    const result = checkExtraction(input);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]?.message).toContain(occurrences.map((start) => `start: ${start}, end: ${start + 5}`).join(' or '));
  });
});
