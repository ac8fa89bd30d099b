/** The error model (src/domain/errors.ts): the closed list of codes, their statuses, their constructors. */
import { describe, expect, it } from 'vitest';
import {
  badRequest,
  badUserInput,
  conflict,
  DATABASE_MESSAGES,
  ERROR_CODES,
  forbidden,
  httpStatusOf,
  invalidInput,
  isErrorCode,
  notFound,
  notStarted,
  payloadTooLarge,
  queryTooComplex,
  rateLimited,
  routeNotFound,
  unauthenticated,
  unsupportedMediaType,
} from '../../src/domain/errors.js';

describe('the code → HTTP status table', () => {
  it('gives every code the status its answers carry', () => {
    const table = Object.fromEntries(Object.entries(ERROR_CODES).map(([code, { status }]) => [code, status]));
    expect(table).toEqual({
      BAD_REQUEST: 400,
      NOT_FOUND: 404,
      PAYLOAD_TOO_LARGE: 413,
      UNSUPPORTED_MEDIA_TYPE: 415,
      NOT_STARTED: 503,
      GRAPHQL_PARSE_FAILED: 400,
      GRAPHQL_VALIDATION_FAILED: 400,
      QUERY_TOO_COMPLEX: 400,
      OPERATION_RESOLUTION_FAILURE: 400,
      PERSISTED_QUERY_NOT_FOUND: 200,
      PERSISTED_QUERY_NOT_SUPPORTED: 200,
      DOCUMENT_NOT_TRUSTED: 400,
      RATE_LIMITED: 429,
      BAD_USER_INPUT: 400,
      UNAUTHENTICATED: 401,
      FORBIDDEN: 403,
      CONFLICT: 409,
      SERVICE_UNAVAILABLE: 503,
      QUERY_TIMEOUT: 504,
      DATABASE_BUSY: 503,
      INTERNAL_SERVER_ERROR: 500,
    });
  });

  it('treats a code off the list as an internal error', () => {
    expect(isErrorCode('FORBIDDEN')).toBe(true);
    for (const code of ['SOMETHING_ELSE', 'toString', '__proto__', undefined, 42]) {
      expect(isErrorCode(code), String(code)).toBe(false);
      expect(httpStatusOf(code), String(code)).toBe(500);
    }
    expect(httpStatusOf('UNAUTHENTICATED')).toBe(401);
  });

  it('has a remedy for every database code, and the database codes are on the list', () => {
    for (const [code, message] of Object.entries(DATABASE_MESSAGES)) {
      expect(isErrorCode(code), code).toBe(true);
      expect(message).toMatch(/retry|narrow/);
    }
  });
});

describe('the constructors', () => {
  it('refuse requests with their code and status', () => {
    for (const [error, code, status] of [
      [badRequest('x'), 'BAD_REQUEST', 400],
      [routeNotFound('GET', '/nope'), 'NOT_FOUND', 404],
      [payloadTooLarge(1024), 'PAYLOAD_TOO_LARGE', 413],
      [unsupportedMediaType('x'), 'UNSUPPORTED_MEDIA_TYPE', 415],
      [notStarted(), 'NOT_STARTED', 503],
    ] as const) {
      expect(error.code).toBe(code);
      expect(error.status).toBe(status);
    }
    expect(routeNotFound('GET', '/nope').message).toBe('No route for GET /nope');
    expect(payloadTooLarge(1024).message).toMatch(/1024 bytes/);
  });

  it('make GraphQL errors with their code; only the auth errors set the answer status', () => {
    expect(badUserInput('bad', 'first').extensions).toEqual({ code: 'BAD_USER_INPUT', argumentName: 'first' });
    expect(badUserInput('bad').extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(invalidInput('bad', [{ path: 'input.x', message: 'y' }]).extensions).toEqual({ code: 'BAD_USER_INPUT', problems: [{ path: 'input.x', message: 'y' }] });
    expect(notFound('gone').extensions).toEqual({ code: 'NOT_FOUND' });
    expect(conflict('clash').extensions).toEqual({ code: 'CONFLICT' });
    expect(unauthenticated('who').extensions).toEqual({ code: 'UNAUTHENTICATED', http: { status: 401 } });
    expect(forbidden('no').extensions).toEqual({ code: 'FORBIDDEN', http: { status: 403 } });
  });

  it('hold a client back with 429, Retry-After and the seconds to wait', () => {
    const error = rateLimited('rate', 3);
    expect(error.extensions).toEqual({ code: 'RATE_LIMITED', limit: 'rate', retryAfterSeconds: 3, http: { status: 429, headers: new Map([['retry-after', '3']]) } });
    expect(error.message).toMatch(/retry in 3 s/);
    expect(rateLimited('in-flight', 1).message).toMatch(/in flight/);
  });

  it('say which query limit was passed, by how much, and what to narrow', () => {
    const cost = queryTooComplex('cost', 20_000, 146_975_871.875);
    expect(cost.extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', maximum: 20_000, found: 146_975_872 });
    expect(cost.message).toMatch(/20000/);
    expect(cost.message).toMatch(/`first`/);
    expect(queryTooComplex('depth', 12, 177).message).toMatch(/177 levels.*12.*Nest fewer levels/);
    expect(queryTooComplex('aliases', 30, 31).message).toMatch(/31 aliases.*30.*fewer aliases/);
    expect(queryTooComplex('directives', 20).extensions).toEqual({ code: 'QUERY_TOO_COMPLEX', limit: 'directives', maximum: 20 });
    expect(queryTooComplex('tokens', 3000).message).toMatch(/3000 tokens.*shorter/);
  });
});
