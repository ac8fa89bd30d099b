/**
 * A TCP proxy in front of Neo4j for tests: it forwards byte for byte, and it can stop forwarding
 * (and cut what it forwarded) without refusing connections — how an outage looks to the driver.
 * A client behind it also connects on a port other than Neo4j's own.
 */
import { connect, createServer, type Server, type Socket } from 'node:net';

/** A TCP proxy to Neo4j that can stop forwarding (and cut what it forwarded) without refusing connections. */
export async function startProxy(target: { host: string; port: number }) {
  let forwarding = true;
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  };
  const server: Server = createServer((client) => {
    track(client);
    if (!forwarding) return; // accepted, never answered
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream).pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    blackHole() {
      forwarding = false;
      for (const socket of sockets) socket.destroy();
    },
    forward() {
      forwarding = true;
      for (const socket of sockets) socket.destroy(); // connections accepted while black-holed
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
