/**
 * The Node flags the service is started with (`npm start`, the Docker image, the benchmarks'
 * servers).
 * - A 64 MiB semi-space lets a request's short-lived objects die in the young generation instead
 *   of being promoted and left to full collections: about 1.2× the throughput on entity and paths,
 *   for about 100 MiB more memory under load (docs/decisions/017-young-generation-size.md).
 * - Without allocation-site pretenuring, V8 stops allocating request objects straight into the old
 *   generation, where, once dead, they kept every young object they pointed at alive until a full
 *   collection: 1.02–1.11× the throughput, less memory (docs/decisions/019-no-allocation-site-pretenuring.md).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64', '--no-allocation-site-pretenuring'];
