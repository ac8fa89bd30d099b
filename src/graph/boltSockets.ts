/**
 * How this process's connections to Neo4j send. neo4j-driver 5 offers no socket options and
 * writes a Bolt message in 1400-byte chunks, one socket write each:
 * - Nagle's algorithm is left on, so the kernel holds the second chunk of a long statement until
 *   the first is acknowledged, which Neo4j delays by up to 40 ms (decision 005);
 * - a 3 KB statement costs three write system calls where one would do (decision 024).
 *
 * Sockets are caught as Node creates them (the `net.client.socket` diagnostics channel); those that
 * connect to the Neo4j port get `setNoDelay(true)`, and the chunks written in one turn of the event
 * loop leave in one `writev`. No other connection of the process is touched. `tls.connect` publishes
 * nothing on that channel, so encrypted connections (bolt+s, neo4j+s) are not tuned (docs/scaling.md).
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

const SOCKET_CHANNEL = 'net.client.socket';
/** Marks a tuned socket: every GraphClient of a process (tests have many) hears of every socket. */
const TUNED = Symbol('boltSocketTuned');
type MaybeTuned = Socket & { [TUNED]?: true };

/** The Bolt port of a Neo4j URI (bolt://, neo4j://, with or without +s/+ssc); 7687 when absent. */
export function boltPort(uri: string): number {
  const port = new URL(uri).port;
  return port ? Number(port) : 7687;
}

/**
 * Tunes every plain TCP connection this process opens to the Neo4j at `uri` (no delay, one write per turn),
 * until the returned function is called (GraphClient.close does).
 */
export function tuneBoltSockets(uri: string): () => void {
  const port = boltPort(uri);
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: MaybeTuned };
    socket.once('connect', () => {
      if (socket.remotePort !== port || socket[TUNED]) return;
      socket[TUNED] = true;
      socket.setNoDelay(true);
      writeOncePerTurn(socket);
    });
  };
  subscribe(SOCKET_CHANNEL, onSocket);
  return () => void unsubscribe(SOCKET_CHANNEL, onSocket);
}

/**
 * The driver writes a message's chunks synchronously, so corking the socket at the first write of a
 * turn and uncorking it on the next tick hands them to the kernel together (Node's documented use
 * of `cork`). The driver exposes no hook before it writes, hence the wrapped `write`.
 */
function writeOncePerTurn(socket: Socket): void {
  const write = socket.write;
  socket.write = function (this: Socket, ...args: Parameters<Socket['write']>) {
    if (!this.writableCorked) {
      this.cork();
      process.nextTick(uncork, this);
    }
    return write.apply(this, args);
  } as Socket['write'];
}

function uncork(socket: Socket): void {
  socket.uncork();
}
