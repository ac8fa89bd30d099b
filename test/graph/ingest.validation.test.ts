/**
 * An invalid extraction file never reaches the database: whichever way a user loads it (one file,
 * or a folder as the seed does), the error names the item and its file position, and the graph is
 * exactly as it was, whether it was empty or already held the seed article.
 */
import { writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readExtractionFile } from '../../src/domain/extractionFile.js';
import { ExtractionError } from '../../src/domain/validateExtraction.js';
import { ingestExtraction } from '../../src/graph/ingest.js';
import { seedGraph } from '../../src/graph/seed.js';
import { graphCounts, resetDatabase, testClient } from '../support/graph.js';
import { INVALID_CASES, lineCol, SEED_FILE, SEED_YAML, writeExtractionDir } from '../support/extractionFixtures.js';
import { removeTempDirs } from '../support/tempDirs.js';

const client = testClient();
afterAll(() => client.close());
afterAll(removeTempDirs);

/** What a user does with one file: read and validate it, then load it. */
const loadFile = async (file: string) => ingestExtraction(client, readExtractionFile(file));

for (const start of ['an empty graph', 'a seeded graph'] as const) {
  describe(`from ${start}`, () => {
    beforeAll(async () => {
      await resetDatabase(client);
      if (start === 'a seeded graph') await loadFile(SEED_FILE);
    });

    it('starts from the expected graph', async () => {
      const [row] = await client.read<{ documents: number }>({ name: 'test.documents', cypher: 'MATCH (d:Document) RETURN count(d) AS documents' });
      expect(row?.documents).toBe(start === 'a seeded graph' ? 1 : 0);
    });

    it.each(INVALID_CASES)('$name: rejected with item and position, nothing written', async (invalid) => {
      const { yaml, at } = invalid.edit();
      const { dir, file } = writeExtractionDir(yaml);
      const position = `${basename(file)}:${lineCol(yaml, at)}`;
      const before = await graphCounts(client);

      for (const load of [() => loadFile(file), () => seedGraph(client, dir)]) {
        const error = await load().then(
          () => undefined,
          (thrown: unknown) => thrown,
        );
        expect(error).toBeInstanceOf(ExtractionError);
        const line = (error as ExtractionError).message.split('\n').find((l) => l.includes(`${position} `));
        expect(line, (error as ExtractionError).message).toBeDefined();
        for (const part of invalid.expected) expect(line).toContain(part);
        expect(await graphCounts(client)).toEqual(before);
      }
    });

    it('loads no file of a folder when one of them is invalid', async () => {
      // The valid file sorts first: the seed validates every file before writing the first.
      const { dir } = writeExtractionDir(
        SEED_YAML.replace(/^ {2}id: doc:[a-z0-9-]+$/m, '  id: doc:valid-copy-of-the-seed'),
        'a-valid.yaml',
      );
      const invalid = INVALID_CASES.find((c) => c.name === 'dangling relationship target')!.edit();
      writeFileSync(join(dir, 'b-invalid.yaml'), invalid.yaml);
      expect(() => readExtractionFile(join(dir, 'a-valid.yaml'))).not.toThrow();
      const before = await graphCounts(client);
      await expect(seedGraph(client, dir)).rejects.toThrow(ExtractionError);
      await expect(seedGraph(client, dir)).rejects.toThrow(new RegExp(`b-invalid\\.yaml:${lineCol(invalid.yaml, invalid.at)} `));
      expect(await graphCounts(client)).toEqual(before);
    });
  });
}
