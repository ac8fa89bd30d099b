/**
 * Sends generated requests to a live server and judges every answer: a 200, or a 4xx whose errors
 * all carry a code; never a 5xx, an INTERNAL_SERVER_ERROR, an uncoded error, or an answer later
 * than the request deadline. Counts answers by status and by first error code.
 */
import fc from 'fast-check';
import type { GraphQLSchema } from 'graphql';
import { requests, type FuzzRequest } from './operations.js';

export interface FuzzOptions {
  url: string;
  schema: GraphQLSchema;
  /** Stop after this many requests … */
  count: number;
  /** … or after this many seconds, whichever comes first. */
  seconds: number;
  seed: number;
  /** An editor key: sent with every request; mutations then only get input the server must refuse. */
  apiKey?: string;
  /** Longest wait for one answer: the server's request deadline plus a margin. */
  timeoutMs: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface Failure {
  label: string;
  reason: string;
  status?: number;
  query: string;
  variables: string;
}

export interface FuzzReport {
  seed: number;
  tried: number;
  seconds: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  byLabel: Record<string, number>;
  slowestMs: number;
  failures: Failure[];
}

const BATCH = 50;
const clip = (text: string, max = 2000) => (text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

interface ErrorJson {
  message?: unknown;
  extensions?: { code?: unknown };
}

/** Ids and a cursor from the live graph, so generated arguments also reach real data. */
async function knownValues(url: string, headers: Record<string, string>): Promise<string[]> {
  const query = `{ entities(first: 30) { pageInfo { endCursor } edges { cursor node { id relationships(first: 3) { edges { node { id evidence { id } } } } } } }
                   documents(first: 10) { edges { node { id } } } }`;
  const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ query }) });
  const text = await res.text();
  const found = new Set<string>();
  for (const match of text.matchAll(/"(id|cursor|endCursor)":"([^"]+)"/g)) found.add(match[2]!);
  return [...found];
}

/** Judges one answer; returns a failure reason, or undefined when the answer is acceptable. */
function judge(status: number, body: unknown): { reason?: string; code: string } {
  if (status >= 500) return { reason: `HTTP ${status}`, code: `HTTP_${status}` };
  if (status !== 200 && !(status >= 400 && status < 500)) return { reason: `unexpected HTTP ${status}`, code: `HTTP_${status}` };
  if (body === undefined) return { reason: 'answer is not JSON', code: 'NOT_JSON' };
  // A request refused before GraphQL (too large, not JSON …) gets the HTTP error shape: { error: { code } }.
  const httpError = (body as { error?: ErrorJson } | undefined)?.error;
  if (status !== 200 && typeof httpError?.extensions === 'undefined' && typeof (httpError as { code?: unknown } | undefined)?.code === 'string') {
    return { code: (httpError as { code: string }).code };
  }
  const errors = (body as { errors?: ErrorJson[] } | undefined)?.errors;
  if (!errors?.length) return status === 200 ? { code: 'OK' } : { reason: `HTTP ${status} without errors`, code: 'NO_ERRORS' };
  const uncoded = errors.find((error) => typeof error.extensions?.code !== 'string');
  if (uncoded) return { reason: `error without a code: ${String(uncoded.message)}`, code: 'UNCODED' };
  const codes = errors.map((error) => String(error.extensions!.code));
  if (codes.includes('INTERNAL_SERVER_ERROR')) return { reason: 'INTERNAL_SERVER_ERROR', code: 'INTERNAL_SERVER_ERROR' };
  return { code: codes[0]! };
}

export async function runFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/json' };
  if (options.apiKey) headers.Authorization = `Bearer ${options.apiKey}`;
  const arbitrary = requests(options.schema, { known: await knownValues(options.url, headers), editor: Boolean(options.apiKey) });

  const report: FuzzReport = { seed: options.seed, tried: 0, seconds: 0, byStatus: {}, byCode: {}, byLabel: {}, slowestMs: 0, failures: [] };
  const bump = (tally: Record<string, number>, key: string) => (tally[key] = (tally[key] ?? 0) + 1);
  const started = Date.now();
  const endAt = started + options.seconds * 1000;

  async function send(request: FuzzRequest): Promise<void> {
    const body = JSON.stringify({ query: request.query, variables: request.variables, operationName: request.operationName });
    const sentAt = Date.now();
    const fail = (reason: string, status?: number) =>
      report.failures.push({ label: request.label, reason, status, query: clip(request.query), variables: clip(JSON.stringify(request.variables)) });
    bump(report.byLabel, request.label.split(' ')[1]!);
    try {
      const res = await fetch(options.url, { method: 'POST', headers, body, signal: AbortSignal.timeout(options.timeoutMs) });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      bump(report.byStatus, String(res.status));
      const verdict = judge(res.status, parsed);
      bump(report.byCode, verdict.code);
      if (verdict.reason) fail(`${verdict.reason}: ${clip(text, 500)}`, res.status);
    } catch (error) {
      const reason = error instanceof Error && error.name === 'TimeoutError' ? `no answer within ${options.timeoutMs} ms` : `request failed: ${String(error)} (${String((error as { cause?: unknown }).cause)})`;
      bump(report.byCode, error instanceof Error && error.name === 'TimeoutError' ? 'HANG' : 'CONNECTION');
      fail(reason);
    } finally {
      report.slowestMs = Math.max(report.slowestMs, Date.now() - sentAt);
    }
  }

  // Batches of one seed each: the same seed and count always send the same requests.
  for (let batch = 0; report.tried < options.count && Date.now() < endAt; batch++) {
    const size = Math.min(BATCH, options.count - report.tried);
    const generated = fc.sample(arbitrary, { seed: options.seed + batch, numRuns: size });
    const queue = [...generated];
    const worker = async () => {
      for (let next = queue.shift(); next && Date.now() < endAt; next = queue.shift()) {
        report.tried++;
        await send(next);
      }
    };
    await Promise.all(Array.from({ length: options.concurrency ?? 2 }, worker));
  }
  report.seconds = Math.round((Date.now() - started) / 100) / 10;
  return report;
}
