import type {Context} from 'hono';
import {badRequest} from '../errors.js';

/**
 * The JSON object a console route takes: 400 naming `usage` (the shape expected) for
 * another content type, malformed JSON or anything but an object. Its fields are the
 * caller's to check.
 */
export async function jsonBody<T>(c: Context, usage: string): Promise<Partial<T>> {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) throw badRequest(`The body must be JSON: ${usage}.`);
  let body: unknown;
  try {
    body = await c.req.json();
  } catch {
    throw badRequest(`The body is not valid JSON; send ${usage}.`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw badRequest(`The body must be ${usage}.`);
  return body;
}
