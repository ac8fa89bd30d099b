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
import { subscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

const neo4jPorts = new Set<number>();
let subscribed = false;

/** The Bolt port of a Neo4j URI (bolt://, neo4j://, with or without +s/+ssc); 7687 when absent. */
export function boltPort(uri: string): number {
  const port = new URL(uri).port;
  return port ? Number(port) : 7687;
}

/** Turns Nagle's algorithm off for every connection this process opens to the Neo4j at `uri`. */
export function disableNagleForNeo4j(uri: string): void {
  neo4jPorts.add(boltPort(uri));
  if (subscribed) return;
  subscribed = true;
  subscribe('net.client.socket', (message) => {
    const { socket } = message as { socket: Socket };
    socket.once('connect', () => {
      if (socket.remotePort !== undefined && neo4jPorts.has(socket.remotePort)) socket.setNoDelay(true);
    });
  });
}
