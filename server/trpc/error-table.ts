import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { TRPCError } from '@trpc/server';
import type { ZodError } from 'zod';
import { isAppError, isZodError, HTTP_STATUS, type AppError, type ErrorCode } from '../errors';

/** The one table from domain error codes to tRPC codes (HTTP statuses come from the REST contract). */
const TRPC_CODE: Record<ErrorCode, TRPC_ERROR_CODE_KEY> = {
  VALIDATION_ERROR: 'BAD_REQUEST',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  CONFLICT: 'CONFLICT',
  PAYMENT_FAILED: 'PAYMENT_REQUIRED',
  RATE_LIMITED: 'TOO_MANY_REQUESTS',
  STRIPE_ERROR: 'BAD_GATEWAY',
  INTERNAL_ERROR: 'INTERNAL_SERVER_ERROR',
};

/** The reverse, for errors tRPC raises itself (bad JSON, unknown procedure, wrong method). */
const FROM_TRPC: Partial<Record<TRPC_ERROR_CODE_KEY, ErrorCode>> = {
  PARSE_ERROR: 'VALIDATION_ERROR',
  BAD_REQUEST: 'VALIDATION_ERROR',
  UNAUTHORIZED: 'UNAUTHORIZED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  METHOD_NOT_SUPPORTED: 'VALIDATION_ERROR',
  PAYLOAD_TOO_LARGE: 'VALIDATION_ERROR',
  UNSUPPORTED_MEDIA_TYPE: 'VALIDATION_ERROR',
  UNPROCESSABLE_CONTENT: 'VALIDATION_ERROR',
  CONFLICT: 'CONFLICT',
  PRECONDITION_FAILED: 'CONFLICT',
  PAYMENT_REQUIRED: 'PAYMENT_FAILED',
  TOO_MANY_REQUESTS: 'RATE_LIMITED',
  BAD_GATEWAY: 'STRIPE_ERROR',
};

export function toTRPCError(error: AppError): TRPCError {
  return new TRPCError({ code: TRPC_CODE[error.code], message: error.message, cause: error });
}

export interface DescribedError {
  code: ErrorCode;
  httpStatus: number;
  message: string;
  fieldErrors?: Record<string, string[]>;
  details?: unknown;
}

/** What a caller may learn about an error: our code, status, a safe message, field errors. */
export function describeError(error: TRPCError): DescribedError {
  const cause = error.cause;
  if (isAppError(cause)) {
    const fieldErrors = (cause.details as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    return {
      code: cause.code,
      httpStatus: HTTP_STATUS[cause.code],
      message: cause.message,
      ...(fieldErrors ? { fieldErrors } : { details: cause.details }),
    };
  }
  if (isZodError(cause)) {
    return {
      code: 'VALIDATION_ERROR',
      httpStatus: 400,
      message: summarizeZodError(cause),
      fieldErrors: zodFieldErrors(cause),
    };
  }
  const code = FROM_TRPC[error.code] ?? 'INTERNAL_ERROR';
  return {
    code,
    httpStatus: code === 'INTERNAL_ERROR' ? 500 : HTTP_STATUS[code],
    // Unexpected errors may carry SQL or internals: never pass their text on.
    message: code === 'INTERNAL_ERROR' ? 'Internal error' : error.message,
  };
}

/** Field path → messages, with `events.3.quantity` style paths. */
export function zodFieldErrors(error: ZodError): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join('.') : '(input)';
    (result[key] ??= []).push(issue.message);
  }
  return result;
}

export function summarizeZodError(error: ZodError): string {
  const first = error.issues[0];
  if (!first) return 'Invalid input';
  const where = first.path.length ? `${first.path.join('.')}: ` : '';
  const more = error.issues.length > 1 ? ` (and ${error.issues.length - 1} more)` : '';
  return `Invalid input: ${where}${first.message}${more}`;
}
