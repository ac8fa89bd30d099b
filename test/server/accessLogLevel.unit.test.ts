/** The level of the access log line (src/server/http/httpErrors.ts). */
import { describe, expect, it } from 'vitest';
import { accessLogLevel } from '../../src/server/http/httpErrors.js';

describe('accessLogLevel', () => {
  it('logs rate-limit refusals at debug, so a flood cannot fill the log, and other 4xx at warn', () => {
    expect(accessLogLevel('/graphql', 429, undefined)).toBe('debug');
    expect(accessLogLevel('/graphql', 400, undefined)).toBe('warn');
    expect(accessLogLevel('/nowhere', 404, undefined)).toBe('warn');
    expect(accessLogLevel('/graphql', 503, undefined)).toBe('error');
    expect(accessLogLevel('/explorer', 200, undefined)).toBe('info');
  });
});
