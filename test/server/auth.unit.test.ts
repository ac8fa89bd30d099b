/** GET /metrics access: only a configured key with the metrics role, refused with a coded error otherwise. */
import { describe, expect, it } from 'vitest';
import type { ApiKey } from '../../src/config.js';
import { RequestError } from '../../src/domain/errors.js';
import { authorizeMetrics, hashApiKey } from '../../src/server/auth.js';

const key = (name: string, role: ApiKey['role'], secret: string): ApiKey => ({ name, role, sha256: hashApiKey(secret).toString('hex') });
const KEYS = [key('prometheus', 'metrics', 'scraper-secret-0123456789'), key('ops', 'editor', 'editor-secret-0123456789')];

function refusal(authorization: string | undefined): RequestError {
  try {
    authorizeMetrics(authorization, KEYS);
  } catch (error) {
    expect(error).toBeInstanceOf(RequestError);
    return error as RequestError;
  }
  throw new Error(`authorizeMetrics accepted ${authorization}`);
}

describe('authorizeMetrics', () => {
  it('accepts a key with the metrics role', () => {
    expect(() => authorizeMetrics('Bearer scraper-secret-0123456789', KEYS)).not.toThrow();
  });

  it('refuses no key and an unknown key with 401, a key of another role with 403', () => {
    expect(refusal(undefined)).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(refusal('Bearer unknown-secret-0123456789')).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(refusal('Basic abc')).toMatchObject({ code: 'UNAUTHENTICATED', status: 401 });
    expect(refusal('Bearer editor-secret-0123456789')).toMatchObject({ code: 'FORBIDDEN', status: 403 });
  });
});
