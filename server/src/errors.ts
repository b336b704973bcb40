import {errorBody} from 'parley-contract';
import type {WireErrorCode} from 'parley-contract';
import type {ContentfulStatusCode} from 'hono/utils/http-status';

/** A contract error, thrown inside a handler and answered as `{error: {code, message, field?}}`. */
export class HttpError extends Error {
  override name = 'HttpError';

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: WireErrorCode,
    message: string,
    readonly field?: string,
    readonly headers: Record<string, string> = {}
  ) {
    super(message);
  }

  /** The answer: the contract's error body with this status and headers. */
  toResponse(): Response {
    return Response.json(errorBody(this.code, this.message, this.field), {
      status: this.status,
      headers: {'Cache-Control': 'no-store', ...this.headers},
    });
  }
}

/** 400 `invalid`: the request is malformed. */
export const badRequest = (message: string, field?: string) => new HttpError(400, 'invalid', message, field);

/** 422: the request is well-formed, but breaks a rule. */
export const unprocessable = (message: string, field?: string, code: WireErrorCode = 'invalid') =>
  new HttpError(422, code, message, field);

/** 404 `invalid`. */
export const notFound = (message = 'No such endpoint.') => new HttpError(404, 'invalid', message);
