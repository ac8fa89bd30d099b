/** Asks the three servers the same questions and checks that their answers agree. */
import { isDeepStrictEqual } from 'node:util';
import { toLuceneQueries } from '../../src/graph/entities.js';
import { canonical, requestFor, type Question, type ServerName } from './queries.js';

export interface Endpoint {
  name: ServerName;
  /** http://127.0.0.1:port */
  origin: string;
}

export async function ask(endpoint: Endpoint, question: Question): Promise<{ status: number; body: Record<string, unknown> }> {
  const request = requestFor(endpoint.name, question, toLuceneQueries);
  const response = await fetch(`${endpoint.origin}${request.path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: request.body,
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export interface Disagreement {
  question: Question;
  answers: Partial<Record<ServerName, unknown>>;
}

/**
 * Asks every question of every endpoint and returns the disagreements. With `tolerateErrors`, an
 * error answer (e.g. a statement timing out on a huge graph) is recorded as a disagreement instead
 * of thrown.
 */
export async function compareAnswers(endpoints: readonly Endpoint[], list: readonly Question[], tolerateErrors = false): Promise<Disagreement[]> {
  const disagreements: Disagreement[] = [];
  for (const question of list) {
    const answers: Partial<Record<ServerName, unknown>> = {};
    let failed = false;
    for (const endpoint of endpoints) {
      try {
        const { status, body } = await ask(endpoint, question);
        if (status !== 200) throw new Error(`${endpoint.name} answered ${JSON.stringify(question)} with HTTP ${status}: ${JSON.stringify(body).slice(0, 500)}`);
        answers[endpoint.name] = canonical(endpoint.name, question, body).facts;
      } catch (error) {
        if (!tolerateErrors) throw error;
        answers[endpoint.name] = { error: (error as Error).message.slice(0, 300) };
        failed = true;
      }
    }
    const [first, ...rest] = Object.values(answers);
    if (failed || rest.some((answer) => !isDeepStrictEqual(answer, first))) disagreements.push({ question, answers });
  }
  return disagreements;
}
