/**
 * The Node flags the service is started with (`npm start`, the Docker image, the benchmarks'
 * servers). A 64 MiB semi-space lets a request's short-lived objects die in the young generation
 * instead of being promoted and left to full collections: about 1.2× the throughput on entity and
 * paths, for about 100 MiB more memory under load (docs/decisions/017-young-generation-size.md).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
