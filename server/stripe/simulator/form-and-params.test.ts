import { describe, expect, it } from 'vitest';
import { StripeApiError } from './http/errors';
import { parseForm } from './http/form';
import {
  array,
  boolean,
  emptyable,
  integer,
  metadata,
  object,
  parseParams,
  range,
  required,
  string,
  timestampOr,
} from './http/params';

describe('Stripe form encoding', () => {
  it('nests brackets, appends [] and keeps numeric keys for the schema to read', () => {
    const form = parseForm(
      'items[0][price]=price_1&items[0][quantity]=2&expand[]=a&expand[]=b&metadata[0]=x&name=A+B%26C&empty=',
    );
    expect(form).toEqual({
      items: { '0': { price: 'price_1', quantity: '2' } },
      expand: ['a', 'b'],
      metadata: { '0': 'x' },
      name: 'A B&C',
      empty: '',
    });
  });

  it('refuses a value that is both a scalar and a hash, and prototype keys', () => {
    expect(() => parseForm('a=1&a[b]=2')).toThrow(StripeApiError);
    expect(() => parseForm('__proto__[x]=1')).toThrow(/unknown parameter/);
  });
});

describe('parameter schemas', () => {
  const shape = {
    customer: required(string()),
    items: array(object({ price: string(), quantity: integer({ min: 0 }) })),
    description: emptyable(string()),
    metadata: metadata(),
    trial_end: timestampOr('now'),
    off_session: boolean(),
    created: range(),
  };

  it('reads typed values, arrays from indexed keys, and "" as null where a field can be unset', () => {
    const p = parseParams(
      shape,
      parseForm(
        'customer=cus_1&items[1][price]=b&items[0][price]=a&items[0][quantity]=3&description=&metadata[k]=&trial_end=now&off_session=true&created[gte]=5',
      ),
    );
    expect(p).toEqual({
      customer: 'cus_1',
      items: [{ price: 'a', quantity: 3 }, { price: 'b' }],
      description: null,
      metadata: { k: '' },
      trial_end: 'now',
      off_session: true,
      created: { gte: 5 },
    });
    expect(parseParams(shape, parseForm('customer=c&created=7&trial_end=123')).created).toEqual({ gte: 7, lte: 7 });
  });

  it('names the exact parameter that is wrong', () => {
    const error = (form: string) => {
      try {
        parseParams(shape, parseForm(form));
      } catch (e) {
        return (e as StripeApiError).body;
      }
      return undefined;
    };
    expect(error('customer=c&items[0][quantity]=-1')).toMatchObject({
      param: 'items[0][quantity]',
      message: 'This value must be greater than or equal to 0.',
    });
    expect(error('customer=c&items[0][qty]=1')).toMatchObject({ param: 'items[0][qty]', code: 'parameter_unknown' });
    expect(error('customer=c&metadata=abc')).toMatchObject({ param: 'metadata', message: 'Invalid object' });
    expect(error('customer=c&trial_end=soon')).toMatchObject({ param: 'trial_end', code: 'parameter_invalid_integer' });
    expect(error('customer[x]=c')).toMatchObject({ param: 'customer', message: 'Invalid string: {"x":"c"}' });
  });
});
