import { invalidRequest } from '../http/errors';
import {
  array,
  boolean,
  emptyable,
  inRange,
  metadata,
  object,
  oneOf,
  parseParams,
  range,
  required,
  string,
} from '../http/params';
import { route, type Route } from '../http/router';
import type { Ctx } from '../state/context';
import { emit, updateWithEvent } from '../state/events';
import { present } from '../state/expand';
import { newId } from '../state/ids';
import { listParams, paginate } from '../state/lists';
import { applyMetadata, requireObject } from '../state/lookup';
import type { Product } from '../state/objects';

const expand = array(string());
const editable = {
  active: boolean(),
  description: emptyable(string()),
  images: emptyable(array(string())),
  marketing_features: emptyable(array(object({ name: required(string()) }))),
  metadata: metadata(),
  name: string(),
  shippable: boolean(),
  statement_descriptor: emptyable(string({ max: 22 })),
  tax_code: emptyable(string()),
  unit_label: emptyable(string()),
  url: emptyable(string()),
  expand,
};
const createShape = { ...editable, id: string(), name: required(string()), type: oneOf('good', 'service') };
type Editable = ReturnType<typeof parseParams<typeof editable>>;

export function createProduct(ctx: Ctx, p: ReturnType<typeof parseParams<typeof createShape>>): Product {
  if (p.id && ctx.tx.get('product', p.id))
    throw invalidRequest(`Product already exists.`, 'id', 'resource_already_exists');
  const now = ctx.now(null);
  const product: Product = {
    id: p.id ?? newId('prod'),
    object: 'product',
    active: true,
    created: now,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata: {},
    name: p.name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: p.type ?? 'service',
    unit_label: null,
    updated: now,
    url: null,
  };
  applyEdits(product, p, now);
  ctx.tx.insert('product', product);
  emit(ctx, 'product.created', product);
  return product;
}

function applyEdits(product: Product, p: Editable, now: number): void {
  if (p.active !== undefined) product.active = p.active;
  if (p.description !== undefined) product.description = p.description;
  if (p.images !== undefined) product.images = p.images ?? [];
  if (p.marketing_features !== undefined) product.marketing_features = p.marketing_features ?? [];
  if (p.name !== undefined) product.name = p.name;
  if (p.shippable !== undefined) product.shippable = p.shippable;
  if (p.statement_descriptor !== undefined) product.statement_descriptor = p.statement_descriptor;
  if (p.tax_code !== undefined) product.tax_code = p.tax_code;
  if (p.unit_label !== undefined) product.unit_label = p.unit_label;
  if (p.url !== undefined) product.url = p.url;
  product.metadata = applyMetadata(product.metadata, p.metadata);
  product.updated = now;
}

export const productRoutes: Route[] = [
  route('POST', '/v1/products', (ctx, req) => {
    const p = parseParams(createShape, req.params);
    return present(ctx, createProduct(ctx, p), p.expand);
  }),
  route('GET', '/v1/products', (ctx, req) => {
    const p = parseParams(
      { ...listParams, active: boolean(), ids: array(string()), created: range(), shippable: boolean(), url: string() },
      req.params,
    );
    const products = ctx.tx.find(
      'product',
      (x) =>
        (p.active === undefined || x.active === p.active) &&
        (!p.ids || p.ids.includes(x.id)) &&
        inRange(x.created, p.created),
    );
    return present(ctx, paginate(products, p, '/v1/products'), p.expand);
  }),
  route('GET', '/v1/products/:id', (ctx, req) => {
    const p = parseParams({ expand }, req.params);
    return present(ctx, requireObject(ctx, 'product', req.path.id ?? ''), p.expand);
  }),
  route('POST', '/v1/products/:id', (ctx, req) => {
    const p = parseParams({ ...editable, default_price: string() }, req.params);
    const product = requireObject(ctx, 'product', req.path.id ?? '');
    updateWithEvent(ctx, 'product.updated', product, () => {
      applyEdits(product, p, ctx.now(null));
      if (p.default_price) product.default_price = requireObject(ctx, 'price', p.default_price, 'default_price').id;
    });
    return present(ctx, product, p.expand);
  }),
  route('DELETE', '/v1/products/:id', (ctx, req) => {
    parseParams({}, req.params);
    const product = requireObject(ctx, 'product', req.path.id ?? '');
    if (ctx.tx.find('price', (price) => price.product === product.id).length > 0) {
      throw invalidRequest('This product cannot be deleted because it has one or more user-created prices.', 'id');
    }
    ctx.tx.remove('product', product.id);
    emit(ctx, 'product.deleted', product);
    return { id: product.id, object: 'product', deleted: true };
  }),
];
