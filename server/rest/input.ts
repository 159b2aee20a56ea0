import type { z } from 'zod';
import { ValidationError } from '../errors';
import { restFieldErrors } from './fields';

/** The largest request body accepted (1 MiB): enough for 1,000 usage events, small enough to refuse floods. */
export const MAX_BODY_BYTES = 1024 * 1024;

const refuse = (field: string, message: string): never => {
  throw new ValidationError(message, { [field]: [message] });
};

/**
 * The request body as JSON, read with a hard limit: a declared length over it is refused before
 * reading, and a body without one (chunked) is counted as it arrives and cut off at the limit.
 */
export async function readJsonBody(request: Request): Promise<unknown> {
  const type = request.headers.get('content-type');
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (declared > MAX_BODY_BYTES) refuse('body', `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`);
  const text = await readLimited(request);
  if (text.trim() === '') return undefined;
  if (type && !/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    refuse('body', 'Send the body as JSON with Content-Type: application/json');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return refuse('body', 'The request body is not valid JSON');
  }
}

async function readLimited(request: Request): Promise<string> {
  if (!request.body) return '';
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      await reader.cancel();
      refuse('body', `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB)`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Query string → plain object; a parameter given twice is ambiguous, so it is refused. */
export function queryObject(url: URL): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of url.searchParams) {
    if (key in result) refuse(key, 'given more than once');
    result[key] = value;
  }
  return result;
}

/** Validates one part of the request (`path`, `query` or `body`); field errors name what the caller sent. */
export function parsePart<T extends z.ZodType>(schema: T, value: unknown, where: string): z.output<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const fieldErrors = restFieldErrors(result.error, where);
  const [field, messages] = Object.entries(fieldErrors)[0]!;
  const more = Object.keys(fieldErrors).length > 1 ? ` (and ${Object.keys(fieldErrors).length - 1} more)` : '';
  throw new ValidationError(`Invalid ${where}: ${field}: ${messages[0]}${more}`, fieldErrors);
}
