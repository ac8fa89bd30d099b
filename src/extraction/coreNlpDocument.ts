/** The parts of CoreNLP's JSON output (outputFormat=json) that the extractor reads. */

export interface Token {
  /** 1-based within the sentence, as dependency edges count. */
  index: number;
  word: string;
  originalText: string;
  lemma: string;
  pos: string;
  ner: string;
  /** UTF-16 offsets into the text that was sent (Java string offsets). */
  characterOffsetBegin: number;
  characterOffsetEnd: number;
}

export interface EntityMention {
  /** Token span within the sentence, end exclusive, 0-based. */
  tokenBegin: number;
  tokenEnd: number;
  text: string;
  characterOffsetBegin: number;
  characterOffsetEnd: number;
  ner: string;
  nerConfidences?: Record<string, number>;
}

export interface Dependency {
  dep: string;
  /** 1-based token index; 0 is ROOT. */
  governor: number;
  dependent: number;
}

export interface Sentence {
  index: number;
  tokens: Token[];
  entitymentions?: EntityMention[];
  basicDependencies?: Dependency[];
  enhancedPlusPlusDependencies?: Dependency[];
}

export interface CoreNlpDocument {
  sentences: Sentence[];
}
