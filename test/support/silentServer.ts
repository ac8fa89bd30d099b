/**
 * A TCP server that accepts connections and never answers: what a half-started or wedged Neo4j
 * looks like to the driver. Tests point a GraphClient at it to exercise deadlines and outages.
 */
import { createServer, type Socket } from 'node:net';

export async function startSilentServer(): Promise<{ port: number; uri: string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    uri: `bolt://127.0.0.1:${port}`,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
