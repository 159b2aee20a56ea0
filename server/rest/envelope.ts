import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import {
  type AppError,
  ERROR_CODES,
  HTTP_STATUS,
  isAppError,
  isZodError,
  type RateLimitedError,
  type ErrorCode,
} from '../errors';
import { describeError } from '../trpc/error-table';
import { restFieldErrors, snakeCaseFieldErrors, snakeCaseKeys } from './fields';

/** `{"status":"success","data":…}`, the seed's success envelope. */
export const successEnvelope = <T extends z.ZodType>(data: T) =>
  z.object({ status: z.literal('success'), data }).strict();

/** `{"status":"error","code":…,"message":…,"details"?:…}`; `details` holds field errors for VALIDATION_ERROR. */
export const ErrorEnvelope = z
  .object({
    status: z.literal('error'),
    code: z.enum(ERROR_CODES),
    message: z.string().describe('a sentence for people; never a stack trace or SQL'),
    details: z
      .unknown()
      .optional()
      .describe(
        'VALIDATION_ERROR: field → messages (paths such as `events.3.quantity`); PAYMENT_FAILED: `decline_code`; ' +
          'RATE_LIMITED: `retry_after_seconds`',
      ),
  })
  .strict();
export type ErrorEnvelope = z.infer<typeof ErrorEnvelope>;

export interface RestFailure {
  status: number;
  body: ErrorEnvelope;
  headers: Record<string, string>;
  /** Not one of ours: worth a log line with the error, which the caller never sees. */
  unexpected: boolean;
}

const INTERNAL: ErrorEnvelope = { status: 'error', code: 'INTERNAL_ERROR', message: 'Internal error' };

/**
 * Any error → the envelope, through the same table as tRPC (`server/errors.ts` for codes and statuses,
 * `describeError` for what tRPC raised). Anything unrecognised is a 500 whose text is never passed on.
 */
export function toRestFailure(error: unknown): RestFailure {
  const described = describe(error);
  if (!described) return { status: 500, body: INTERNAL, headers: {}, unexpected: true };
  const { code, message, details } = described;
  const body: ErrorEnvelope = { status: 'error', code, message, ...(details === undefined ? {} : { details }) };
  const retryAfter = rateLimitOf(error)?.retryAfterSeconds;
  return {
    status: HTTP_STATUS[code],
    body,
    headers: retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) },
    unexpected: code === 'INTERNAL_ERROR',
  };
}

interface Described {
  code: ErrorCode;
  message: string;
  details?: unknown;
}

function describe(error: unknown): Described | null {
  // Raised here or by a domain function called directly: field names are already the caller's.
  if (isAppError(error)) return fromAppError(error, (fieldErrors) => fieldErrors);
  if (isZodError(error)) {
    return { code: 'VALIDATION_ERROR', message: 'Invalid input', details: restFieldErrors(error) };
  }
  // Raised by a procedure: its camelCase input names become the REST body's snake_case ones.
  if (error instanceof TRPCError) {
    if (isAppError(error.cause)) return fromAppError(error.cause, snakeCaseFieldErrors);
    const described = describeError(error);
    if (described.code === 'INTERNAL_ERROR') return null;
    const details = described.fieldErrors ? snakeCaseFieldErrors(described.fieldErrors) : undefined;
    return { code: described.code, message: described.message, ...(details === undefined ? {} : { details }) };
  }
  return null;
}

type FieldNames = (fieldErrors: Record<string, string[]>) => Record<string, string[]>;

function fromAppError(error: AppError, names: FieldNames): Described | null {
  if (error.code === 'INTERNAL_ERROR') return null;
  const fieldErrors = (error.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
  const details = fieldErrors ? names(fieldErrors) : snakeCaseKeys(error.details);
  return { code: error.code, message: error.message, ...(details === undefined ? {} : { details }) };
}

function rateLimitOf(error: unknown): RateLimitedError | undefined {
  if (isAppError(error) && error.code === 'RATE_LIMITED') return error as RateLimitedError;
  if (error instanceof TRPCError && isAppError(error.cause) && error.cause.code === 'RATE_LIMITED') {
    return error.cause as RateLimitedError;
  }
  return undefined;
}

/** A JSON response in the envelope; API answers are per caller, so never cached by a proxy. */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return Response.json(body, { status, headers: { 'cache-control': 'no-store', ...headers } });
}
