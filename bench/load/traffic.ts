/** The load itself: autocannon on POST /graphql, every response classified and recorded. */
import autocannon from 'autocannon';
import type { ExampleOperation } from '../../src/examples.js';

export type Outcome = 'ok' | 'graphql-error' | 'http-error' | 'timeout' | 'connection-error';

export interface Classified {
  operation: string;
  status: number;
  outcome: Outcome;
  /** GraphQL error codes, or the error body's code for a non-2xx. */
  codes: string[];
}

export interface ResponseRecord extends Classified {
  /** ms since the measurement started, when the request was sent and when it ended. */
  sentAt: number;
  doneAt: number;
  latencyMs: number;
}

export const isError = (r: ResponseRecord) => r.outcome !== 'ok';

export function classify(operation: string, status: number, body: string): Classified {
  let parsed: { errors?: { extensions?: { code?: unknown } }[]; error?: { code?: unknown } } | undefined;
  const parse = () => {
    try {
      parsed = JSON.parse(body) as typeof parsed;
    } catch {
      parsed = undefined;
    }
  };
  if (status < 200 || status >= 300) {
    parse();
    const codes = parsed?.errors?.map((e) => String(e.extensions?.code ?? 'NO_CODE')) ?? (parsed?.error?.code ? [String(parsed.error.code)] : [`HTTP_${status}`]);
    return { operation, status, outcome: 'http-error', codes: [...new Set(codes)] };
  }
  // Cheap test first; parse only to be sure and to read the codes.
  if (body.includes('"errors"')) {
    parse();
    if (Array.isArray(parsed?.errors) && parsed.errors.length > 0) {
      return { operation, status, outcome: 'graphql-error', codes: [...new Set(parsed.errors.map((e) => String(e.extensions?.code ?? 'NO_CODE')))] };
    }
  }
  return { operation, status, outcome: 'ok', codes: [] };
}

/** The JSON body of one example operation, as a client sends it. */
export const requestBody = (op: ExampleOperation) => JSON.stringify({ operationName: op.name, query: op.query, variables: op.variables ?? {} });

function requestsFor(mix: ExampleOperation[], onClassified: (c: Classified) => void): autocannon.Request[] {
  return mix.map((op) => ({
    method: 'POST',
    path: '/graphql',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: requestBody(op),
    onResponse: (status: number, body: string) => onClassified(classify(op.name, status, body)),
  }));
}

export interface LoadRun {
  result: autocannon.Result;
  records: ResponseRecord[];
}

export interface LoadOptions {
  connections: number;
  durationS: number;
  timeoutS: number;
  /** performance.now() of the measurement's start: record times are relative to it. */
  origin: number;
  /** Told of the running instance (and of undefined once it is done), so a clean-up can stop it. */
  track: (instance: autocannon.Instance | undefined) => void;
}

/**
 * Runs autocannon and records every response with its outcome. autocannon calls the request's
 * onResponse (which sees the body) and then, synchronously, emits 'response' (which sees the
 * latency), so the classification is handed from one to the other through `pending`.
 */
export function runLoad(
  url: string,
  mix: ExampleOperation[],
  options: LoadOptions,
  onStart?: (instance: autocannon.Instance, records: readonly ResponseRecord[]) => void,
): Promise<LoadRun> {
  const records: ResponseRecord[] = [];
  let pending: Classified | undefined;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        duration: options.durationS,
        timeout: options.timeoutS,
        pipelining: 1,
        requests: requestsFor(mix, (c) => (pending = c)),
      },
      (error, result) => {
        options.track(undefined);
        if (error) reject(error instanceof Error ? error : new Error(String(error)));
        else resolve({ result, records });
      },
    );
    options.track(instance);
    instance.on('response', (_client, statusCode, _bytes, responseTime) => {
      const c = pending ?? { operation: '?', status: statusCode, outcome: statusCode >= 200 && statusCode < 300 ? 'ok' : 'http-error', codes: [] };
      pending = undefined;
      const doneAt = performance.now() - options.origin;
      records.push({ ...c, sentAt: doneAt - responseTime, doneAt, latencyMs: responseTime });
    });
    instance.on('reqError', (error: unknown) => {
      const doneAt = performance.now() - options.origin;
      const timedOut = error instanceof Error && /timed out/.test(error.message);
      const latencyMs = timedOut ? options.timeoutS * 1000 : 0;
      records.push({
        operation: '?',
        sentAt: doneAt - latencyMs,
        doneAt,
        latencyMs,
        status: 0,
        outcome: timedOut ? 'timeout' : 'connection-error',
        codes: [timedOut ? 'TIMEOUT' : error instanceof Error ? ((error as NodeJS.ErrnoException).code ?? error.message) : String(error)],
      });
    });
    onStart?.(instance, records);
  });
}
