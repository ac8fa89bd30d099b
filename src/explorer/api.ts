/**
 * The explorer's only way to the data: POST /graphql, the same public endpoint any client uses.
 * Operations are typed by graphql-codegen (./gql); a document is its query text (string mode).
 */
import type { TypedDocumentString } from './gql/graphql.js';

export const GRAPHQL_ENDPOINT = '/graphql';
const KEY_STORAGE = 'newsgraph.apiKey';
const EDITOR_KEY_STORAGE = 'newsgraph.editorKey';

export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
  ) {
    super(message);
  }
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** An API key the analyst entered (only when the server requires one for reads); kept per tab. */
export function apiKey(): string | null {
  return sessionStorage.getItem(KEY_STORAGE);
}

export function setApiKey(key: string | null): void {
  if (key) sessionStorage.setItem(KEY_STORAGE, key);
  else sessionStorage.removeItem(KEY_STORAGE);
}

/** The editor's key (review actions): kept per tab, sent with mutations only, never with reads. */
export function editorKey(): string | null {
  return sessionStorage.getItem(EDITOR_KEY_STORAGE);
}

export function setEditorKey(key: string | null): void {
  if (key) sessionStorage.setItem(EDITOR_KEY_STORAGE, key);
  else sessionStorage.removeItem(EDITOR_KEY_STORAGE);
}

/** Called when the server answers UNAUTHENTICATED; resolves with a key to retry with, or null. */
let askForKey: (() => Promise<string | null>) | undefined;
export function onUnauthenticated(handler: () => Promise<string | null>): void {
  askForKey = handler;
}

/** Runs one read. Throws ApiError for GraphQL errors, HTTP errors and network failures. */
export async function request<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<TResult> {
  try {
    return await send(document, variables, apiKey(), signal);
  } catch (error) {
    if (!(error instanceof ApiError) || (error.code !== 'UNAUTHENTICATED' && error.status !== 401) || !askForKey) throw error;
    const entered = await askForKey();
    if (!entered) throw error;
    setApiKey(entered);
    return send(document, variables, entered, signal);
  }
}

/**
 * Runs one mutation with the editor key (none entered: the server answers UNAUTHENTICATED, which
 * the caller shows; the read-key prompt is not for edits).
 */
export function mutate<TResult, TVariables>(document: TypedDocumentString<TResult, TVariables>, variables: TVariables): Promise<TResult> {
  return send(document, variables, editorKey());
}

async function send<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  key: string | null,
  signal?: AbortSignal,
): Promise<TResult> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json', Accept: 'application/graphql-response+json, application/json' };
  if (key) headers.Authorization = `Bearer ${key}`;

  let response: Response;
  try {
    response = await fetch(GRAPHQL_ENDPOINT, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query: document.toString(), variables }),
      signal: signal ?? null,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(`The API cannot be reached (${(error as Error).message})`, 'NETWORK', 0);
  }

  let body: GraphqlResponse<TResult> | undefined;
  try {
    body = (await response.json()) as GraphqlResponse<TResult>;
  } catch {
    body = undefined;
  }
  const first = body?.errors?.[0];
  const code = first?.extensions?.code ?? (response.ok ? 'GRAPHQL_ERROR' : `HTTP_${response.status}`);
  if (first) throw new ApiError(first.message, code, response.status);
  if (!response.ok || !body?.data) throw new ApiError(`The API answered ${response.status} ${response.statusText}`, code, response.status);
  return body.data;
}

/** True for the error a superseded request ends with. */
export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
