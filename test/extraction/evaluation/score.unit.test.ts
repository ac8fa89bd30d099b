import { describe, expect, it } from 'vitest';
import type { CorpusArticle, Gold } from '../../../src/extraction/evaluation/gold.js';
import { compareWithSeed, evaluate, type PredictedArticle, type PredictedEntity } from '../../../src/extraction/evaluation/score.js';
import { formatEvaluation } from '../../../src/extraction/evaluation/table.js';

function article(id: string, gold: Gold): CorpusArticle {
  return { id, title: id, source: 'test', url: `https://example.org/${id}`, publishedAt: '2025-01-01', text: '', gold };
}

const first = article('a1', {
  entities: [
    { id: 'actor:ryosei-akazawa', kind: 'Actor', mentions: ['Ryosei Akazawa', 'Akazawa'] },
    { id: 'country:japan', kind: 'Country', mentions: ['Japan', 'Tokyo', 'Japanese'] },
    { id: 'country:united-states', kind: 'Country', mentions: ['United States', 'Washington'] },
    { id: 'unit:seventh-regiment', kind: 'Unit', mentions: ['7th Regiment'] },
  ],
  relationships: [
    { type: 'REPRESENTS', source: 'actor:ryosei-akazawa', target: 'country:japan' },
    { type: 'NEGOTIATES_WITH', source: 'country:japan', target: 'country:united-states' },
  ],
});

const second = article('a2', {
  entities: [
    { id: 'actor:ryosei-akazawa', kind: 'Actor', mentions: ['Mr. Akazawa', 'Akazawa'] },
    { id: 'unit:us-7th-fleet', kind: 'Unit', mentions: ['7th Fleet'] },
    { id: 'location:okinawa', kind: 'Location', mentions: ['Okinawa'] },
  ],
  relationships: [],
});

/** A prediction that reproduces the gold exactly, with the gold ids. */
function perfect(a: CorpusArticle): PredictedArticle {
  return {
    articleId: a.id,
    entities: a.gold.entities.map((e) => ({ id: e.id, kind: e.kind, name: e.mentions[0]!, surfaceForms: e.mentions })),
    relationships: a.gold.relationships,
  };
}

const seedIds = new Set(['actor:ryosei-akazawa', 'country:japan', 'unit:seventh-regiment']);

describe('evaluate', () => {
  it('scores a perfect prediction 1.0 everywhere', () => {
    const result = evaluate([first, second], [perfect(first), perfect(second)], seedIds);
    expect(result.entities.target).toMatchObject({ precision: 1, recall: 1, f1: 1, truePositives: 7, gold: 7 });
    expect(result.entities.all.f1).toBe(1);
    expect(result.relations.overall).toMatchObject({ precision: 1, recall: 1, truePositives: 2 });
    expect(result.resolution).toMatchObject({ accuracy: 1, correct: 4, considered: 4 });
  });

  it('lowers recall, not precision, by one gold entity for a missing entity', () => {
    const prediction = perfect(first);
    prediction.entities = prediction.entities.filter((e) => e.id !== 'unit:seventh-regiment');
    const result = evaluate([first], [prediction]);
    expect(result.entities.perKind.Unit).toMatchObject({ recall: 0, precision: 0, gold: 1, predicted: 0 });
    expect(result.entities.target.recall).toBeCloseTo(3 / 4);
    expect(result.entities.target.precision).toBe(1);
  });

  it('matches surface forms after normalisation (case, possessive, leading "the")', () => {
    const prediction: PredictedArticle = {
      articleId: 'a1',
      entities: [
        { id: 'x:1', kind: 'Unit', name: "the 7th regiment's", surfaceForms: [] },
        { id: 'x:2', kind: 'Actor', name: 'AKAZAWA', surfaceForms: [] },
      ],
      relationships: [],
    };
    const result = evaluate([first], [prediction]);
    expect(result.entities.target.truePositives).toBe(2);
  });

  it('does not match an entity of the wrong kind, and counts it as a false positive', () => {
    const prediction: PredictedArticle = {
      articleId: 'a1',
      entities: [{ id: 'location:tokyo', kind: 'Location', name: 'Tokyo', surfaceForms: ['Tokyo'] }],
      relationships: [],
    };
    const result = evaluate([first], [prediction]);
    expect(result.entities.perKind.Country.truePositives).toBe(0);
    expect(result.entities.perKind.Location).toMatchObject({ truePositives: 0, predicted: 1, precision: 0 });
  });

  it('aligns one to one, the larger overlap first', () => {
    const prediction: PredictedArticle = {
      articleId: 'a1',
      entities: [
        { id: 'p:small', kind: 'Country', name: 'Tokyo', surfaceForms: [] },
        { id: 'p:big', kind: 'Country', name: 'Japan', surfaceForms: ['Japanese', 'Tokyo'] },
      ],
      relationships: [],
    };
    const [alignment] = evaluate([first], [prediction]).alignments;
    expect(alignment!.pairs).toEqual([expect.objectContaining({ goldId: 'country:japan', predictedId: 'p:big', overlap: 3 })]);
  });

  it('matches symmetric relations in either direction and directed ones only as annotated', () => {
    const prediction = perfect(first);
    prediction.relationships = [
      { type: 'NEGOTIATES_WITH', source: 'country:united-states', target: 'country:japan' },
      { type: 'REPRESENTS', source: 'country:japan', target: 'actor:ryosei-akazawa' },
    ];
    const result = evaluate([first], [prediction]);
    expect(result.relations.perType.NEGOTIATES_WITH).toMatchObject({ truePositives: 1, precision: 1 });
    expect(result.relations.perType.REPRESENTS).toMatchObject({ truePositives: 0, predicted: 1, gold: 1 });
    expect(result.relations.overall).toMatchObject({ precision: 0.5, recall: 0.5 });
  });

  it('maps relation endpoints through the alignment, whatever the predicted ids', () => {
    const prediction: PredictedArticle = {
      articleId: 'a1',
      entities: [
        { id: 'p:a', kind: 'Actor', name: 'Akazawa', surfaceForms: [] },
        { id: 'p:j', kind: 'Country', name: 'Japan', surfaceForms: [] },
        { id: 'p:x', kind: 'Country', name: 'France', surfaceForms: [] },
      ],
      relationships: [
        { type: 'REPRESENTS', source: 'p:a', target: 'p:j' },
        { type: 'REPRESENTS', source: 'p:a', target: 'p:x' },
      ],
    };
    const result = evaluate([first], [prediction]);
    expect(result.relations.overall).toMatchObject({ truePositives: 1, predicted: 2, gold: 2 });
  });

  it('counts cross-article resolution errors: a split and a wrong merge', () => {
    const p1: PredictedArticle = {
      articleId: 'a1',
      entities: [
        { id: 'actor:ryosei-akazawa', kind: 'Actor', name: 'Ryosei Akazawa', surfaceForms: ['Akazawa'] },
        { id: 'country:japan', kind: 'Country', name: 'Japan', surfaceForms: [] },
        { id: 'unit:seventh', kind: 'Unit', name: '7th Regiment', surfaceForms: [] },
      ],
      relationships: [],
    };
    const p2: PredictedArticle = {
      articleId: 'a2',
      // Akazawa split off under a new id; the 7th Fleet merged into the regiment's id.
      entities: [
        { id: 'actor:mr-akazawa', kind: 'Actor', name: 'Mr. Akazawa', surfaceForms: [] },
        { id: 'unit:seventh', kind: 'Unit', name: '7th Fleet', surfaceForms: [] },
      ],
      relationships: [],
    };
    const { resolution } = evaluate([first, second], [p1, p2], seedIds);
    // Considered: akazawa ×2 (recurring + seed), japan ×1 (seed), seventh-regiment ×1 (seed; wrong: not its seed id).
    // The 7th Fleet occurs once and is not a seed entity, so it is not considered itself.
    expect(resolution.considered).toBe(4);
    expect(resolution.correct).toBe(2);
    expect(resolution.accuracy).toBe(0.5);
    expect(resolution.errors.map((e) => e.goldId)).toEqual(['actor:ryosei-akazawa', 'unit:seventh-regiment']);
  });

  it('marks an occurrence wrong when its canonical id is shared with another gold entity', () => {
    const fleetTwice = article('a3', { entities: [{ id: 'unit:us-7th-fleet', kind: 'Unit', mentions: ['7th Fleet'] }], relationships: [] });
    const entity = (name: string): PredictedEntity => ({ id: 'unit:seven', kind: 'Unit', name, surfaceForms: [] });
    const { resolution } = evaluate(
      [first, second, fleetTwice],
      [
        { articleId: 'a1', entities: [entity('7th Regiment')], relationships: [] },
        { articleId: 'a2', entities: [entity('7th Fleet')], relationships: [] },
        { articleId: 'a3', entities: [entity('7th Fleet')], relationships: [] },
      ],
    );
    // No seed ids: the regiment occurs once (not considered); the fleet's two occurrences share an id with the regiment.
    expect(resolution).toMatchObject({ considered: 2, correct: 0, accuracy: 0 });
  });

  it('treats a missing prediction as predicting nothing and rejects predictions for unknown articles', () => {
    expect(evaluate([first], []).entities.all).toMatchObject({ recall: 0, gold: 4 });
    expect(() => evaluate([first], [{ articleId: 'nope', entities: [], relationships: [] }])).toThrow(/nope/);
  });

  it('formats every table', () => {
    const text = formatEvaluation(evaluate([first, second], [perfect(first), perfect(second)], seedIds), compareWithSeed([], perfect(first)));
    expect(text).toContain('micro Actor+Country+Unit+Location');
    expect(text).toContain('all typed relations');
    expect(text).toContain('Cross-article resolution');
    expect(text).toContain('Seed article vs curated extraction');
  });
});

describe('compareWithSeed', () => {
  const curated = [
    { id: 'actor:yohei-ito', kind: 'Actor' as const, name: 'Yohei Ito', aliases: ['Colonel Yohei Ito', 'Ito'] },
    { id: 'country:japan', kind: 'Country' as const, name: 'Japan', aliases: ['Tokyo'] },
    { id: 'unit:chinese-navy', kind: 'Unit' as const, name: 'Chinese navy' },
    { id: 'location:okinawa', kind: 'Location' as const, name: 'Okinawa' },
  ];

  it('reports the share found, kind-aware and kind-agnostic, with the missed ones', () => {
    const comparison = compareWithSeed(curated, {
      articleId: 'seed',
      entities: [
        { id: 'p:1', kind: 'Actor', name: 'Colonel Yohei Ito', surfaceForms: [] },
        { id: 'p:2', kind: 'Country', name: 'Japan', surfaceForms: ['Tokyo'] },
        { id: 'p:3', kind: 'Actor', name: 'Chinese navy', surfaceForms: [] },
      ],
      relationships: [],
    });
    expect(comparison).toMatchObject({ curated: 4, found: 2, share: 0.5, foundAnyKind: 3, shareAnyKind: 0.75 });
    expect(comparison.missed.map((m) => m.id)).toEqual(['unit:chinese-navy', 'location:okinawa']);
    expect(comparison.missedAnyKind.map((m) => m.id)).toEqual(['location:okinawa']);
  });
});
