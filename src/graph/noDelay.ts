/**
 * TCP_NODELAY for the connections to Neo4j. neo4j-driver 5 leaves Nagle's algorithm on for its
 * sockets and writes a Bolt message in 1400-byte chunks, so a message longer than that leaves in
 * two writes; the kernel holds the second until the first is acknowledged, and Neo4j's side
 * delays that acknowledgement by up to 40 ms (docs/decisions/005-tcp-nodelay-to-neo4j.md).
 *
 * The driver offers no socket option, so sockets are caught as Node creates them
 * (the `net.client.socket` diagnostics channel) and those that connect to a Neo4j port get
 * `setNoDelay(true)`; no other connection of the process is touched.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

const SOCKET_CHANNEL = 'net.client.socket';

/** The Bolt port of a Neo4j URI (bolt://, neo4j://, with or without +s/+ssc); 7687 when absent. */
export function boltPort(uri: string): number {
  const port = new URL(uri).port;
  return port ? Number(port) : 7687;
}

/**
 * Turns Nagle's algorithm off for every connection this process opens to the Neo4j at `uri`,
 * until the returned function is called (GraphClient.close does).
 */
export function disableNagleForNeo4j(uri: string): () => void {
  const port = boltPort(uri);
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    socket.once('connect', () => {
      if (socket.remotePort === port) socket.setNoDelay(true);
    });
  };
  subscribe(SOCKET_CHANNEL, onSocket);
  return () => void unsubscribe(SOCKET_CHANNEL, onSocket);
}
