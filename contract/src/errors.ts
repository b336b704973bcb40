import type {ErrorResponse, WireErrorCode} from './wire.js';

/**
 * Machine-readable reason of a failure: the {@link WireErrorCode}s a backend sends, and
 * what a client finds out by itself (`network`, `timeout`, `bad_response`).
 */
export type ParleyErrorCode = WireErrorCode | 'network' | 'timeout' | 'bad_response';

/** True when `code` is one of the {@link ParleyErrorCode}s. */
export function isErrorCode(code: unknown): code is ParleyErrorCode {
  return (
    typeof code === 'string' &&
    /^(too_short|too_long|invalid|rate_limited|server|forbidden|expired|not_found|gone|closed|network|timeout|bad_response)$/.test(
      code
    )
  );
}

/** `{error: {code, message, field?}}`, the body of every error answer. */
export function errorBody(code: WireErrorCode, message: string, field?: string): ErrorResponse {
  return {error: {code, message, ...(field ? {field} : {})}};
}
