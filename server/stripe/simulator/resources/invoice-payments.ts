import { array, oneOf, parseParams, string } from '../http/params';
import { route, type Route } from '../http/router';
import { present } from '../state/expand';
import { listParams, paginate } from '../state/lists';
import { requireObject } from '../state/lookup';

export const invoicePaymentRoutes: Route[] = [
  route('GET', '/v1/invoice_payments', (ctx, req) => {
    const p = parseParams({ ...listParams, invoice: string(), status: oneOf('canceled', 'open', 'paid') }, req.params);
    const payments = ctx.tx.find(
      'invoice_payment',
      (x) => (!p.invoice || x.invoice === p.invoice) && (!p.status || x.status === p.status),
    );
    return present(ctx, paginate(payments, p, '/v1/invoice_payments'), p.expand);
  }),
  route('GET', '/v1/invoice_payments/:id', (ctx, req) => {
    const p = parseParams({ expand: array(string()) }, req.params);
    return present(ctx, requireObject(ctx, 'invoice_payment', req.path.id ?? ''), p.expand);
  }),
];
