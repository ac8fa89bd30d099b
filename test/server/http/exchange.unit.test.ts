/** One exchange per request/response pair (src/server/http/exchange.ts), over a real node:http server. */
import { createServer, IncomingMessage, ServerResponse, type Server } from 'node:http';
import { Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { createExchanges, type Exchange } from '../../../src/server/http/exchange.js';
import { createLogger } from '../../../src/server/logger.js';
import { createMetrics } from '../../../src/server/metrics.js';

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A server whose responses say whether `exchanges.of` found the exchange `open` gave. */
async function serve(failWith?: Error) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const metrics = createMetrics();
  const exchanges = createExchanges(createLogger({ logLevel: 'debug' }, destination), metrics);
  const opened: Exchange[] = [];
  const server = createServer((req, res) => {
    const exchange = exchanges.open(req, res);
    opened.push(exchange);
    if (failWith) exchange.failed(failWith);
    res.statusCode = failWith ? 500 : 200;
    res.end(JSON.stringify({ found: exchanges.of(res) === exchange, requestId: exchanges.of(res)?.requestId }));
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, lines, metrics, opened, exchanges };
}

describe('exchanges', () => {
  it('finds each response its own exchange, whose id is the X-Request-Id answered', async () => {
    const { origin, opened } = await serve();
    const answers = await Promise.all(
      [1, 2, 3].map(async () => {
        const response = await fetch(`${origin}/graphql`);
        return { header: response.headers.get('x-request-id'), body: (await response.json()) as { found: boolean; requestId: string } };
      }),
    );
    expect(answers.every((answer) => answer.body.found)).toBe(true);
    expect(answers.map((answer) => answer.body.requestId)).toEqual(answers.map((answer) => answer.header));
    expect(new Set(opened.map((exchange) => exchange.requestId)).size).toBe(3);
  });

  it('keeps a sane X-Request-Id from the client', async () => {
    const { origin } = await serve();
    const response = await fetch(`${origin}/graphql`, { headers: { 'X-Request-Id': 'client-id-42' } });
    expect(response.headers.get('x-request-id')).toBe('client-id-42');
  });

  it('knows no exchange for a response it did not open', async () => {
    const { exchanges } = await serve();
    expect(exchanges.of(new ServerResponse(new IncomingMessage(new Socket())))).toBeUndefined();
  });

  it('counts the request once it is answered, and logs one line with its id', async () => {
    const { origin, lines, metrics } = await serve();
    const response = await fetch(`${origin}/explore`, { headers: { 'X-Request-Id': 'line-1' } });
    await response.text();
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({ reqId: 'line-1', req: { method: 'GET', url: '/explore' }, res: { statusCode: 200 }, msg: 'request completed' });
    const counted = (await metrics.httpRequests.get()).values.find((value) => value.labels.route === '/explore');
    expect(counted).toMatchObject({ value: 1, labels: { method: 'GET', status: '200' } });
  });

  it('logs the cause of a 5xx at error level', async () => {
    const { origin, lines } = await serve(new Error('the database went away'));
    await (await fetch(`${origin}/graphql`)).text();
    await expect.poll(() => lines.length).toBe(1);
    expect(lines[0]).toMatchObject({ level: 50, msg: 'request errored', err: { message: 'the database went away' } });
  });
});
