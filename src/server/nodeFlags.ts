/**
 * The Node flags the service is started with (`npm start`, the Docker image, the benchmarks'
 * servers). A 64 MiB semi-space lets a request's short-lived objects die in the young generation
 * instead of being promoted and left to full collections: entity answers cost 19 % less CPU
 * (docs/decisions/017-young-generation-size.md).
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
