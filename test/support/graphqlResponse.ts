/** GraphQL answers as a client parses them, for tests that read them over HTTP or from Apollo. */

/** One entry of `errors`. */
export interface GraphQLErrorJson {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

/** A response body: `data` and/or `errors`. */
export interface GraphQLResponseJson<T = Record<string, unknown>> {
  data?: T | null;
  errors?: GraphQLErrorJson[];
}
