/**
 * Trusted documents at the /graphql handler, before Apollo (config.trustedDocuments):
 * - a known document may be sent by id alone: `documentId` ("sha256:<hex>" or the bare hex, as in
 *   the GraphQL-over-HTTP persisted documents appendix) or Apollo's
 *   `extensions.persistedQuery.sha256Hash`; the handler puts its text in `query`;
 * - `require`: a document not in the manifest is refused with DOCUMENT_NOT_TRUSTED;
 * - `allow-unknown`: any document runs; an unknown hash goes on to Apollo's automatic persisted
 *   queries as before;
 * - `off`: requests go to Apollo untouched.
 * No maintained implementation fits Apollo Server 5 (Apollo's persisted-query lists need its
 * router; graphql-yoga's plugin is for Yoga), so this is the small one.
 */
import { documentNotTrusted, persistedQueryNotFound } from '../domain/errors.js';
import { documentHash } from '../trustedDocuments.js';

export type TrustedDocumentsMode = 'off' | 'allow-unknown' | 'require';

/** The GraphQL-over-HTTP request parameters, as the body or the query string gives them. */
export type GraphqlParams = Record<string, unknown>;

const SHA256_HEX = /^[0-9a-f]{64}$/;

export function trustedDocuments(mode: TrustedDocumentsMode, manifest: ReadonlyMap<string, string>) {
  /** The document id a request names, if any. */
  const idOf = (params: GraphqlParams): { id: string; from: 'documentId' | 'persistedQuery' } | undefined => {
    if (typeof params.documentId === 'string') return { id: params.documentId.replace(/^sha256:/, ''), from: 'documentId' };
    const persisted = (params.extensions as { persistedQuery?: { sha256Hash?: unknown } } | undefined)?.persistedQuery;
    return typeof persisted?.sha256Hash === 'string' ? { id: persisted.sha256Hash, from: 'persistedQuery' } : undefined;
  };

  /** The parameters Apollo should see; throws the coded GraphQL error of a refused document. */
  return (params: GraphqlParams): GraphqlParams => {
    if (mode === 'off') return params;
    if (typeof params.query === 'string') {
      if (mode === 'require' && !manifest.has(documentHash(params.query))) throw documentNotTrusted();
      return params;
    }
    const named = idOf(params);
    if (!named) return params;
    const body = SHA256_HEX.test(named.id) ? manifest.get(named.id) : undefined;
    if (body === undefined) {
      if (mode === 'require') throw documentNotTrusted();
      // Apollo's own APQ cache may know an unknown persistedQuery hash; documentId is ours alone.
      if (named.from === 'documentId') throw persistedQueryNotFound();
      return params;
    }
    const { documentId: _documentId, ...rest } = params;
    return { ...rest, query: body };
  };
}
