/**
 * A TCP server that accepts connections and never answers: what a half-started or wedged Neo4j
 * looks like to the driver. Tests point a GraphClient at it to exercise deadlines and outages.
 */
import { createServer, type Socket } from 'node:net';

/** On `port`, or on a free one by default; also what holds a port another server wants. */
export async function startSilentServer(port = 0): Promise<{ port: number; uri: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as { port: number }).port;
  return {
    port: bound,
    uri: `bolt://127.0.0.1:${bound}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
