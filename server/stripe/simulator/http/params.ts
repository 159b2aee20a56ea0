import { paramError } from './errors';
import type { FormObject, FormValue } from './form';

/**
 * A tiny schema language for Stripe's form parameters. It answers bad input with the errors Stripe
 * gives (`parameter_unknown`, `parameter_missing`, `parameter_invalid_integer`, "Invalid boolean"…)
 * and gives handlers typed values.
 */
export interface Field<T> {
  readonly required: boolean;
  /** Whether an empty string is a value (Stripe's "unset this"), rather than an error. */
  readonly emptyable: boolean;
  parse(value: FormValue, param: string): T;
}
interface RequiredField<T> extends Field<T> {
  readonly required: true;
}
type Shape = Record<string, Field<unknown>>;
type RequiredKeys<S extends Shape> = { [K in keyof S]: S[K] extends RequiredField<unknown> ? K : never }[keyof S];
type ValueOf<F> = F extends Field<infer T> ? T : never;
type Flatten<T> = { [K in keyof T]: T[K] };
export type Parsed<S extends Shape> = Flatten<
  { [K in RequiredKeys<S>]: ValueOf<S[K]> } & { [K in Exclude<keyof S, RequiredKeys<S>>]?: ValueOf<S[K]> }
>;

function field<T>(parse: (value: FormValue, param: string) => T): Field<T> & { required: false } {
  return { required: false, emptyable: false, parse };
}

function show(value: FormValue): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function expectString(value: FormValue, param: string): string {
  if (typeof value !== 'string') throw paramError(`Invalid string: ${show(value)}`, param);
  return value;
}

export function required<T>(f: Field<T>): RequiredField<T> {
  return { ...f, required: true };
}

/** `''` means "clear this field" and reads as null. */
export function emptyable<T>(f: Field<T>): Field<T | null> & { required: false } {
  return { required: false, emptyable: true, parse: (value, param) => (value === '' ? null : f.parse(value, param)) };
}

export function string(opts: { max?: number } = {}): Field<string> & { required: false } {
  return field((value, param) => {
    const s = expectString(value, param);
    if (opts.max !== undefined && s.length > opts.max) {
      throw paramError(`Invalid ${param}: must be at most ${opts.max} characters`, param);
    }
    return s;
  });
}

export function integer(opts: { min?: number; max?: number } = {}): Field<number> & { required: false } {
  return field((value, param) => {
    if (typeof value !== 'string' || !/^-?\d{1,15}$/.test(value)) {
      throw paramError(`Invalid integer: ${show(value)}`, param, 'parameter_invalid_integer');
    }
    const n = Number(value);
    if (opts.min !== undefined && n < opts.min)
      throw paramError(`This value must be greater than or equal to ${opts.min}.`, param);
    if (opts.max !== undefined && n > opts.max)
      throw paramError(`This value must be less than or equal to ${opts.max}.`, param);
    return n;
  });
}

export function decimal(opts: { min?: number; max?: number } = {}): Field<string> & { required: false } {
  return field((value, param) => {
    if (typeof value !== 'string' || !/^-?\d{1,15}(\.\d{1,12})?$/.test(value)) {
      throw paramError(`Invalid decimal: ${show(value)}`, param);
    }
    const n = Number(value);
    if (opts.min !== undefined && n < opts.min)
      throw paramError(`This value must be greater than or equal to ${opts.min}.`, param);
    if (opts.max !== undefined && n > opts.max)
      throw paramError(`This value must be less than or equal to ${opts.max}.`, param);
    return value;
  });
}

export function number(opts: { min?: number; max?: number } = {}): Field<number> & { required: false } {
  const d = decimal(opts);
  return field((value, param) => Number(d.parse(value, param)));
}

export function boolean(): Field<boolean> & { required: false } {
  return field((value, param) => {
    if (value === 'true') return true;
    if (value === 'false') return false;
    throw paramError(`Invalid boolean: ${show(value)}`, param);
  });
}

export function oneOf<T extends string>(...values: T[]): Field<T> & { required: false } {
  return field((value, param) => {
    if (typeof value === 'string' && (values as string[]).includes(value)) return value as T;
    const list = values.length > 1 ? `${values.slice(0, -1).join(', ')}, or ${values.at(-1)}` : (values[0] ?? '');
    throw paramError(`Invalid ${param.replace(/.*\[(\w+)\]$/, '$1')}: must be one of ${list}`, param);
  });
}

/** A timestamp, or one of the words Stripe accepts in its place (`now`, `unchanged`…). */
export function timestampOr<T extends string>(...words: T[]): Field<number | T> & { required: false } {
  const ts = integer({ min: 0 });
  return field((value, param) => ((words as FormValue[]).includes(value) ? (value as T) : ts.parse(value, param)));
}

export function object<S extends Shape>(shape: S): Field<Parsed<S>> & { required: false } {
  return field((value, param) => parseObject(shape, value, param));
}

export function array<T>(item: Field<T>, opts: { max?: number } = {}): Field<T[]> & { required: false } {
  return field((value, param) => {
    const entries = arrayEntries(value, param);
    if (opts.max !== undefined && entries.length > opts.max) {
      throw paramError(`Invalid array: must contain at most ${opts.max} elements`, param);
    }
    return entries.map(([index, v]) => item.parse(v, `${param}[${index}]`));
  });
}

function arrayEntries(value: FormValue, param: string): Array<[string, FormValue]> {
  if (Array.isArray(value)) return value.map((v, i) => [String(i), v]);
  if (typeof value === 'object' && Object.keys(value).every((k) => /^\d+$/.test(k))) {
    return Object.entries(value).sort(([a], [b]) => Number(a) - Number(b));
  }
  throw paramError('Invalid array', param);
}

/** A metadata patch: `metadata[k]=''` removes k; the whole field `''` clears every key (null). */
export function metadata(): Field<Record<string, string> | null> & { required: false } {
  return emptyable(
    field((value, param) => {
      if (typeof value !== 'object' || Array.isArray(value)) throw paramError('Invalid object', param);
      const out: Record<string, string> = {};
      for (const [key, v] of Object.entries(value)) {
        if (key.length > 40) throw paramError(`Metadata keys can have up to 40 characters: ${key}`, `${param}[${key}]`);
        const s = expectString(v, `${param}[${key}]`);
        if (s.length > 500) throw paramError('Metadata values can have up to 500 characters', `${param}[${key}]`);
        out[key] = s;
      }
      if (Object.keys(out).length > 50) throw paramError('Metadata can have up to 50 keys', param);
      return out;
    }),
  );
}

/** `created=123` or `created[gte]=…&created[lt]=…`, as list endpoints take them. */
export interface Range {
  gt?: number;
  gte?: number;
  lt?: number;
  lte?: number;
}
export function range(): Field<Range> & { required: false } {
  const bounds = object({ gt: integer(), gte: integer(), lt: integer(), lte: integer() });
  const exact = integer();
  return field((value, param) => {
    if (typeof value === 'string') {
      const n = exact.parse(value, param);
      return { gte: n, lte: n };
    }
    return bounds.parse(value, param);
  });
}

export function inRange(value: number, r: Range | undefined): boolean {
  if (!r) return true;
  return (
    (r.gt === undefined || value > r.gt) &&
    (r.gte === undefined || value >= r.gte) &&
    (r.lt === undefined || value < r.lt) &&
    (r.lte === undefined || value <= r.lte)
  );
}

export function parseParams<S extends Shape>(shape: S, input: FormObject): Parsed<S> {
  return parseObject(shape, input, '');
}

function parseObject<S extends Shape>(shape: S, value: FormValue, param: string): Parsed<S> {
  if (typeof value !== 'object' || Array.isArray(value)) throw paramError('Invalid object', param);
  const path = (key: string) => (param ? `${param}[${key}]` : key);
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(shape, key))
      throw paramError(`Received unknown parameter: ${path(key)}`, path(key), 'parameter_unknown');
  }
  const out: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(shape)) {
    const v = value[key];
    if (v === undefined) {
      if (f.required) throw paramError(`Missing required param: ${path(key)}.`, path(key), 'parameter_missing');
      continue;
    }
    if (v === '' && !f.emptyable) {
      throw paramError(
        `You passed an empty string for '${path(key)}'. We assume empty values are an attempt to unset a parameter; however '${path(key)}' cannot be unset. You should remove '${path(key)}' from your request or supply a non-empty value.`,
        path(key),
        'parameter_invalid_empty',
      );
    }
    out[key] = f.parse(v, path(key));
  }
  return out as Parsed<S>;
}
