import { defineRoute } from '../route';
import {
  InvoicePage,
  InvoicePath,
  InvoiceWithLines,
  ListInvoicesQuery,
  OrganizationQuery,
  toRestInvoice,
  toRestInvoiceLine,
} from './invoices.schemas';

const common = { tag: 'Invoices', access: 'member', bucket: 'read', status: 200, method: 'GET' } as const;

export const invoiceRoutes = [
  defineRoute({
    ...common,
    path: '/api/invoices',
    operationId: 'listInvoices',
    summary: "The organization's invoices, newest first, by page (limit 1–100, default 20)",
    query: ListInvoicesQuery,
    response: InvoicePage,
    errors: [],
    handle: async ({ query }, { rest }) => {
      const page = await rest.invoicesPage({
        organizationId: query.organization_id,
        limit: query.limit,
        offset: query.offset,
      });
      return { items: page.items.map(toRestInvoice), total: page.total, limit: query.limit, offset: query.offset };
    },
  }),
  defineRoute({
    ...common,
    path: '/api/invoices/{id}',
    operationId: 'getInvoice',
    summary: 'One invoice with its lines, amounts in major units',
    params: InvoicePath,
    query: OrganizationQuery,
    response: InvoiceWithLines,
    errors: [],
    handle: async ({ params, query }, { rest }) => {
      const invoice = await rest.invoice({ organizationId: query.organization_id, id: params.id });
      return { ...toRestInvoice(invoice), lines: invoice.lines.map(toRestInvoiceLine) };
    },
  }),
];
