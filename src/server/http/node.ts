/** The node:http adapter of the /graphql handler: the request in, the answer out, nothing else. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { finished, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import getRawBody from 'raw-body';
import { badRequest, unsupportedMediaType } from '../../domain/errors.js';
import type { Exchange } from './exchange.js';
import type { GraphqlAnswer, GraphqlRequest } from './graphqlHandler.js';

export type GraphqlHandler = (request: GraphqlRequest) => Promise<GraphqlAnswer>;

export function serveGraphql(handler: GraphqlHandler) {
  return (req: IncomingMessage, res: ServerResponse, exchange: Exchange): void => {
    const url = req.url ?? '';
    const query = url.indexOf('?');
    const request: GraphqlRequest = {
      method: req.method ?? 'GET',
      search: query < 0 ? '' : url.slice(query),
      headers: req.headers,
      readBody: (limit) => readBody(req, limit),
      requestId: exchange.requestId,
      log: exchange.log,
      clientAddress: req.socket.remoteAddress ?? 'unknown',
    };
    void handler(request).then((answer) => {
      if (answer.failure) exchange.failed(answer.failure);
      if (res.headersSent) return;
      res.statusCode = answer.status;
      for (const [name, value] of answer.headers) res.setHeader(name, value);
      res.setHeader('Content-Length', Buffer.byteLength(answer.body));
      res.end(answer.body);
    }, (error: unknown) => {
      // The handler answers its own failures; this is one of writing the answer.
      exchange.failed(error);
      res.destroy();
    });
  };
}

/** Decoders for the content codings body-parser accepted. */
const DECODERS: Record<string, () => Transform> = { gzip: createGunzip, 'x-gzip': createGunzip, deflate: createInflate, br: createBrotliDecompress };

/** The body, decoded, up to `limit` bytes; a refused body is read off first, so the client, still sending, gets the answer. */
async function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').toLowerCase();
  try {
    if (encoding === 'identity') return await getRawBody(req, { length: req.headers['content-length'], limit });
    const decoder = DECODERS[encoding];
    if (!decoder) throw unsupportedMediaType(`Unsupported content encoding "${encoding}"`);
    // The limit applies to the decoded bytes, so a small compressed body cannot unpack into gigabytes.
    return await getRawBody(req.pipe(decoder()), { limit }).catch((error: unknown) => {
      throw (error as { type?: unknown }).type === 'entity.too.large' ? error : badRequest(`Request body is not valid ${encoding} data`);
    });
  } catch (error) {
    req.unpipe();
    await new Promise<void>((resolve) => {
      finished(req, () => resolve());
      req.resume();
    });
    throw error;
  }
}
