import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { NotFoundError, PaymentFailedError, RateLimitedError, ValidationError } from '../errors';
import { toTRPCError } from '../trpc/error-table';
import { toRestFailure } from './envelope';

describe('toRestFailure: any error → the envelope, by the one table', () => {
  it.each([
    ['a domain error', new NotFoundError('Plan'), 404, { code: 'NOT_FOUND', message: 'Plan not found' }],
    [
      'a domain error raised through a procedure',
      toTRPCError(new PaymentFailedError('Your card was declined.', { declineCode: 'generic_decline' })),
      402,
      { code: 'PAYMENT_FAILED', details: { decline_code: 'generic_decline' } },
    ],
    [
      'a procedure’s field errors, renamed to the snake_case the REST caller sent',
      toTRPCError(new ValidationError('bad', { paymentMethodId: ['required'], 'events.2.idempotencyKey': ['x'] })),
      400,
      { code: 'VALIDATION_ERROR', details: { payment_method_id: ['required'], 'events.2.idempotency_key': ['x'] } },
    ],
    [
      'field errors raised by the REST layer itself, kept as they are',
      new ValidationError('bad', { planId: ['unknown field'] }),
      400,
      { details: { planId: ['unknown field'] } },
    ],
    [
      'a procedure’s own input validation',
      new TRPCError({ code: 'BAD_REQUEST', cause: z.object({ planId: z.string() }).safeParse({}).error }),
      400,
      { code: 'VALIDATION_ERROR', details: { plan_id: [expect.any(String)] } },
    ],
    ['tRPC’s bad JSON', new TRPCError({ code: 'PARSE_ERROR', message: 'x' }), 400, { code: 'VALIDATION_ERROR' }],
  ])('maps %s', (_, error, status, body) => {
    const failure = toRestFailure(error);
    expect(failure.status).toBe(status);
    expect(failure.body).toMatchObject({ status: 'error', ...body });
    expect(failure.unexpected).toBe(false);
  });

  it('puts Retry-After on a rate limit, raised directly or through a procedure', () => {
    for (const error of [new RateLimitedError(7), toTRPCError(new RateLimitedError(7))]) {
      expect(toRestFailure(error)).toMatchObject({ status: 429, headers: { 'retry-after': '7' } });
    }
  });

  it.each([
    ['a plain error', new Error('connect ECONNREFUSED 10.0.0.5:5432')],
    ['an internal tRPC error', new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: new Error('select secret') })],
    ['something thrown that is not an error', 'boom'],
  ])('answers %s as a 500 whose text is never passed on', (_, error) => {
    const failure = toRestFailure(error);
    expect(failure).toMatchObject({ status: 500, unexpected: true });
    expect(failure.body).toEqual({ status: 'error', code: 'INTERNAL_ERROR', message: 'Internal error' });
  });
});
