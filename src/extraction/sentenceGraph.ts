/** Reading one CoreNLP sentence as a dependency graph: heads, children and the sentence's span. */
import type { Dependency, Sentence, Token } from './coreNlpDocument.js';

export interface Edge {
  /** The relation, e.g. "nsubj", "obl:with", "nmod:poss". */
  dep: string;
  /** 1-based token index. */
  other: number;
}

export class SentenceGraph {
  private readonly heads = new Map<number, Edge[]>();
  private readonly children = new Map<number, Edge[]>();

  constructor(readonly sentence: Sentence) {
    const edges: Dependency[] = sentence.enhancedPlusPlusDependencies ?? sentence.basicDependencies ?? [];
    for (const { dep, governor, dependent } of edges) {
      if (governor === 0) continue;
      push(this.heads, dependent, { dep, other: governor });
      push(this.children, governor, { dep, other: dependent });
    }
  }

  /** The token at a 1-based index. */
  token(index: number): Token | undefined {
    return this.sentence.tokens[index - 1];
  }

  headsOf(index: number): Edge[] {
    return this.heads.get(index) ?? [];
  }

  childrenOf(index: number, ...deps: string[]): Edge[] {
    const all = this.children.get(index) ?? [];
    return deps.length === 0 ? all : all.filter((edge) => deps.some((dep) => edge.dep === dep || edge.dep.startsWith(`${dep}:`)));
  }

  /** The token of a 0-based, end-exclusive span whose head lies outside the span (its syntactic head). */
  spanHead(begin: number, end: number): number {
    for (let index = end; index > begin; index--) {
      if (this.headsOf(index).every((edge) => edge.other <= begin || edge.other > end)) return index;
    }
    return end;
  }

  /** The case marker ("with", "in", "of") of a token in an oblique or nominal modifier. */
  caseOf(index: number): string | undefined {
    return this.childrenOf(index, 'case').map((edge) => this.token(edge.other)?.word.toLowerCase())[0];
  }

  /** [start, end) UTF-16 offsets of the whole sentence. */
  get span(): [number, number] {
    const tokens = this.sentence.tokens;
    return [tokens[0]!.characterOffsetBegin, tokens[tokens.length - 1]!.characterOffsetEnd];
  }
}

function push(map: Map<number, Edge[]>, key: number, edge: Edge): void {
  const list = map.get(key);
  if (list) list.push(edge);
  else map.set(key, [edge]);
}
