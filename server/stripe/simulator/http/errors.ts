export type ErrorType = 'api_error' | 'card_error' | 'idempotency_error' | 'invalid_request_error';

export interface ErrorBody {
  type: ErrorType;
  message: string;
  code?: string;
  decline_code?: string;
  param?: string;
  doc_url?: string;
}

export interface ErrorOptions {
  /** Keep the request's changes although it fails (a declined `invoices.pay` still records the attempt). */
  commit?: boolean;
  /** Stripe does not save validation failures under an idempotency key, so a corrected retry can run. */
  replayable?: boolean;
}

/** An error Stripe would answer with; the server turns it into `{ error: … }` with this status. */
export class StripeApiError extends Error {
  readonly body: ErrorBody;

  constructor(
    readonly status: number,
    body: ErrorBody,
    readonly options: ErrorOptions = {},
  ) {
    super(body.message);
    const docUrl = body.code ? `https://stripe.com/docs/error-codes/${body.code.replaceAll('_', '-')}` : undefined;
    this.body = { ...body, ...(docUrl && !body.doc_url ? { doc_url: docUrl } : {}) };
  }
}

export function invalidRequest(
  message: string,
  param?: string,
  code?: string,
  options: ErrorOptions = {},
): StripeApiError {
  return new StripeApiError(400, { type: 'invalid_request_error', message, param, code }, options);
}

/** A malformed parameter: never saved under an idempotency key. */
export function paramError(message: string, param: string, code?: string): StripeApiError {
  return invalidRequest(message, param || undefined, code, { replayable: false });
}

export function resourceMissing(resource: string, id: string, param = 'id'): StripeApiError {
  return new StripeApiError(404, {
    type: 'invalid_request_error',
    code: 'resource_missing',
    message: `No such ${resource}: '${id}'`,
    param,
  });
}

export function cardError(
  code: string,
  message: string,
  declineCode?: string,
  options: ErrorOptions = {},
): StripeApiError {
  return new StripeApiError(402, { type: 'card_error', code, decline_code: declineCode, message }, options);
}
