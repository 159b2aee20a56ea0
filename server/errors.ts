import type { ZodError } from 'zod';

/**
 * Domain errors: a literal code from the REST envelope's vocabulary and a message safe to show a user.
 * Framework-free; server/trpc and the REST handlers translate them with one table.
 */
export const ERROR_CODES = [
  'VALIDATION_ERROR',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PAYMENT_FAILED',
  'RATE_LIMITED',
  'STRIPE_ERROR',
  'INTERNAL_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/** HTTP status of each code, as the REST contract fixes them. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION_ERROR: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYMENT_FAILED: 402,
  RATE_LIMITED: 429,
  STRIPE_ERROR: 502,
  INTERNAL_ERROR: 500,
};

/** Marks our errors so they are recognised even across the copies of this module a bundler may make. */
const APP_ERROR = Symbol.for('billing-service.AppError');

export class AppError extends Error {
  readonly [APP_ERROR] = true;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

/**
 * Use instead of `instanceof AppError`: Next may bundle this module more than once (one copy per route
 * or layer), and a class from one copy is not `instanceof` the other.
 */
export function isAppError(value: unknown): value is AppError {
  return typeof value === 'object' && value !== null && (value as { [APP_ERROR]?: boolean })[APP_ERROR] === true;
}

/** A ZodError from any copy of zod. */
export function isZodError(value: unknown): value is ZodError {
  return value instanceof Error && value.name === 'ZodError' && Array.isArray((value as { issues?: unknown }).issues);
}

export class NotFoundError extends AppError {
  constructor(what: string) {
    super('NOT_FOUND', `${what} not found`);
  }
}

export class ValidationError extends AppError {
  constructor(message: string, fieldErrors?: Record<string, string[]>) {
    super('VALIDATION_ERROR', message, fieldErrors ? { fieldErrors } : undefined);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You do not have permission to do this') {
    super('FORBIDDEN', message);
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Sign in or pass a valid token') {
    super('UNAUTHORIZED', message);
  }
}

export class PaymentFailedError extends AppError {
  constructor(message: string, details?: { declineCode?: string; stripeCode?: string }) {
    super('PAYMENT_FAILED', message, details);
  }
}

export class StripeUnavailableError extends AppError {
  constructor(message = 'The payment provider could not be reached; try again shortly') {
    super('STRIPE_ERROR', message);
  }
}

export class RateLimitedError extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', `Too many requests; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}
