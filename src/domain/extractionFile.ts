/**
 * Reads an extraction from a YAML or JSON file (JSON is YAML), resolves `document.textFile`
 * against the file's folder, validates it, and reports each problem at `file:line:column`.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { LineCounter, parseDocument, isMap, type Document } from 'yaml';
import { checkExtraction, ExtractionError, type InputPath, type ValidExtraction } from './validateExtraction.js';

export function readExtractionFile(file: string): ValidExtraction {
  const shownName = relative(process.cwd(), file) || file;
  const source = readFileSync(file, 'utf8');
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false });
  if (doc.errors.length) {
    throw new ExtractionError(
      doc.errors.map((error) => {
        const at = lineCounter.linePos(error.pos[0]);
        return { path: [], location: `${shownName}:${at.line}:${at.col}`, message: `not valid YAML/JSON: ${error.message.split('\n')[0]}` };
      }),
      shownName,
    );
  }

  const input = doc.toJS() as unknown;
  const textFileProblem = inlineTextFile(input, dirname(file));
  const result = textFileProblem ? { ok: false as const, problems: [textFileProblem] } : checkExtraction(input);
  if (!result.ok) {
    throw new ExtractionError(
      result.problems.map((problem) => ({ ...problem, location: `${shownName}:${positionOf(doc, lineCounter, problem.path)}` })),
      shownName,
    );
  }
  return result.value;
}

/** Replaces `document.textFile` by the named file's content, so the text can live beside the extraction. */
function inlineTextFile(input: unknown, folder: string) {
  const document = (input as { document?: Record<string, unknown> } | null)?.document;
  if (!document || typeof document.textFile !== 'string') return undefined;
  if ('text' in document) return { path: ['document', 'textFile'], message: 'give either "text" or "textFile", not both' };
  try {
    document.text = readFileSync(resolve(folder, document.textFile), 'utf8');
    delete document.textFile;
    return undefined;
  } catch (error) {
    return { path: ['document', 'textFile'], message: `cannot read "${document.textFile}": ${(error as Error).message}` };
  }
}

/** line:column of the deepest node on `path` that exists in the file. */
function positionOf(doc: Document, lineCounter: LineCounter, path: InputPath): string {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = doc.getIn(path.slice(0, depth), true) as { range?: [number, number, number] } | undefined;
    const target = node && typeof node === 'object' && 'range' in node ? node : depth === 0 && isMap(doc.contents) ? doc.contents : undefined;
    if (target?.range) {
      const at = lineCounter.linePos(target.range[0]);
      return `${at.line}:${at.col}`;
    }
  }
  return '1:1';
}
