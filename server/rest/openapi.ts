import { z } from 'zod';
import packageJson from '@/package.json';
import { ERROR_CODES, HTTP_STATUS, type ErrorCode } from '../errors';
import { ErrorEnvelope, successEnvelope } from './envelope';
import { MAX_BODY_BYTES } from './input';
import { errorCodesOf, type AnyRestRoute } from './route';
import { REST_ROUTES } from './route-table';
import * as invoices from './routes/invoices.schemas';
import * as paymentMethods from './routes/payment-methods.schemas';
import * as plans from './routes/plans.schemas';
import * as subscriptions from './routes/subscriptions.schemas';
import * as usage from './routes/usage.schemas';

type JsonSchema = Record<string, unknown>;

/** Shapes shown by name in the document (everything else is inlined where it is used). */
const NAMED: Array<[string, z.ZodType]> = [
  ['Plan', plans.Plan],
  ['PlanFeature', plans.PlanFeature],
  ['PlanLimit', plans.PlanLimit],
  ['PlanDetails', plans.PlanDetails],
  ['Subscription', subscriptions.Subscription],
  ['SubscriptionDetails', subscriptions.SubscriptionDetails],
  ['Invoice', invoices.Invoice],
  ['InvoiceLine', invoices.InvoiceLine],
  ['InvoiceWithLines', invoices.InvoiceWithLines],
  ['InvoicePage', invoices.InvoicePage],
  ['PaymentMethod', paymentMethods.PaymentMethod],
  ['UsageRecorded', usage.UsageRecorded],
  ['ResourceUsage', usage.ResourceUsage],
  ['UsageSummary', usage.UsageSummary],
];

const ERROR_MEANING: Record<ErrorCode, string> = {
  VALIDATION_ERROR: 'Bad JSON, a wrong type, an unknown field or a body over 1 MiB; `details` names each field',
  UNAUTHORIZED: 'No credential, or one that is expired, revoked or not ours',
  FORBIDDEN: 'The role or API key scope does not allow this, or there is no active organization',
  NOT_FOUND: 'Not there, or another organization’s (answered alike)',
  CONFLICT: 'The current state does not allow it (already subscribed, already canceling, …)',
  PAYMENT_FAILED: 'The card was declined; `details.decline_code` says why',
  RATE_LIMITED: 'Over the rate limit; retry after `Retry-After` seconds',
  STRIPE_ERROR: 'Stripe could not be reached or failed; safe to retry',
  INTERNAL_ERROR: 'Our fault; the message never carries internals',
};

const pascal = (id: string) => id[0]!.toUpperCase() + id.slice(1);
const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });

/** Zod's per-schema `$schema`/`$id` are noise inside an OpenAPI document (3.1 is JSON Schema 2020-12). */
function componentsOf(registry: z.core.$ZodRegistry<{ id: string }>, io: 'input' | 'output') {
  const { schemas } = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` });
  return Object.fromEntries(
    Object.entries(schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  );
}

function parameters(schema: z.ZodType | undefined, location: 'path' | 'query') {
  if (!schema) return [];
  const json = z.toJSONSchema(schema, { io: 'input' }) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, { description, ...property }]) => ({
    name,
    in: location,
    required: location === 'path' || (json.required ?? []).includes(name),
    ...(description ? { description } : {}),
    schema: property,
  }));
}

const ACCESS_TEXT: Record<AnyRestRoute['access'], string> = {
  public: 'Anyone; no credential needed.',
  member: 'Any role in the organization (member, billing, admin)',
  billing: 'The billing and admin roles',
};

function whoMayCall(route: AnyRestRoute): string {
  if (route.access === 'public') return ACCESS_TEXT.public;
  const keys = route.apiKeyScope ? `, or an API key with the \`${route.apiKeyScope}\` scope` : '; API keys are refused';
  return `${ACCESS_TEXT[route.access]}${keys}.`;
}

function operation(route: AnyRestRoute) {
  const name = pascal(route.operationId);
  const errors = Object.fromEntries(
    errorCodesOf(route).map((code) => [String(HTTP_STATUS[code]), { $ref: `#/components/responses/${code}` }]),
  );
  return {
    operationId: route.operationId,
    tags: [route.tag],
    summary: route.summary,
    description: [route.description, `**Who may call:** ${whoMayCall(route)}`].filter(Boolean).join('\n\n'),
    security: route.access === 'public' ? [] : [{ bearerAuth: [] }],
    parameters: [...parameters(route.params, 'path'), ...parameters(route.query, 'query')],
    ...(route.body
      ? {
          requestBody: {
            required: !route.body.safeParse({}).success,
            content: { 'application/json': { schema: ref(`${name}Request`) } },
          },
        }
      : {}),
    responses: {
      [String(route.status)]: {
        description: route.status === 201 ? 'Created' : 'OK',
        content: { 'application/json': { schema: ref(`${name}Response`) } },
      },
      ...errors,
    },
    'x-access': route.access,
    ...(route.apiKeyScope ? { 'x-api-key-scope': route.apiKeyScope } : {}),
    'x-rate-limit-bucket': route.bucket,
  };
}

function errorResponse(code: ErrorCode) {
  return {
    description: `\`${code}\`: ${ERROR_MEANING[code]}`,
    ...(code === 'RATE_LIMITED'
      ? { headers: { 'Retry-After': { description: 'seconds to wait', schema: { type: 'integer' } } } }
      : {}),
    content: { 'application/json': { schema: ref('Error') } },
  };
}

/** The OpenAPI 3.1 document of the REST routes, generated from the route table and its zod schemas. */
export function buildOpenApiDocument(routes: readonly AnyRestRoute[] = REST_ROUTES) {
  const outputs = z.registry<{ id: string }>();
  const inputs = z.registry<{ id: string }>();
  for (const [id, schema] of NAMED) outputs.add(schema, { id });
  outputs.add(ErrorEnvelope, { id: 'Error' });
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const name = pascal(route.operationId);
    outputs.add(successEnvelope(route.response), { id: `${name}Response` });
    if (route.body) inputs.add(route.body, { id: `${name}Request` });
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Billing Service REST API',
      version: packageJson.version,
      description:
        'The seed service’s REST API, kept byte for byte: snake_case fields, prices in major units (29 means ' +
        '$29.00), timestamps in ISO 8601 UTC, every answer in the `{"status": …}` envelope. Bodies are JSON, ' +
        `at most ${MAX_BODY_BYTES} bytes; unknown fields are refused. The tRPC API at \`/api/trpc\` has the rest.`,
    },
    servers: [{ url: '/' }],
    tags: [...new Set(routes.map((route) => route.tag))].map((name) => ({ name })),
    paths,
    components: {
      schemas: { ...componentsOf(outputs, 'output'), ...componentsOf(inputs, 'input') },
      responses: Object.fromEntries(ERROR_CODES.map((code) => [code, errorResponse(code)])),
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: 'A Clerk session token (JWT) or a service API key (`bsk_…`) in `Authorization: Bearer …`',
        },
      },
    },
  };
}

export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;

let cached: OpenApiDocument | undefined;
/** Built once per process: the routes do not change while it runs. */
export const openApiDocument = (): OpenApiDocument => (cached ??= buildOpenApiDocument());
