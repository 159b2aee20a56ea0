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

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }
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
