import { invalidRequest } from './errors';

/** A decoded form or query value: Stripe's `a[b][0]=x` nesting, before any schema gives it meaning. */
export type FormValue = string | FormValue[] | FormObject;
export interface FormObject {
  [key: string]: FormValue;
}

const MAX_DEPTH = 10;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Parses `application/x-www-form-urlencoded` text the way Stripe reads it: `items[0][price]=…`
 * nests, `expand[]=…` appends. Numeric segments stay object keys here; a schema that expects an
 * array turns them into one, while `metadata[0]` stays a key as it should.
 */
export function parseForm(text: string): FormObject {
  const root: FormObject = {};
  if (!text) return root;
  for (const pair of text.split('&')) {
    if (!pair) continue;
    const eq = pair.indexOf('=');
    const rawKey = decode(eq === -1 ? pair : pair.slice(0, eq));
    const value = eq === -1 ? '' : decode(pair.slice(eq + 1));
    insert(root, keyPath(rawKey), value, rawKey);
  }
  return root;
}

function decode(part: string): string {
  try {
    return decodeURIComponent(part.replaceAll('+', ' '));
  } catch {
    throw invalidRequest(`Invalid URL encoding: ${part}`);
  }
}

function keyPath(key: string): string[] {
  const open = key.indexOf('[');
  if (open <= 0 || !key.endsWith(']')) return [key];
  const rest = key.slice(open);
  if (!/^(\[[^[\]]*\])+$/.test(rest)) return [key];
  const segments = [...rest.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1] ?? '');
  return [key.slice(0, open), ...segments];
}

function insert(root: FormObject, path: string[], value: string, rawKey: string): void {
  if (path.length > MAX_DEPTH) throw invalidRequest(`Parameter nesting is too deep: ${rawKey}`);
  let node: FormObject | FormValue[] = root;
  path.forEach((segment, index) => {
    if (FORBIDDEN_KEYS.has(segment))
      throw invalidRequest(`Received unknown parameter: ${rawKey}`, rawKey, 'parameter_unknown');
    const last = index === path.length - 1;
    const next = path[index + 1];
    const child: FormValue = last ? value : next === '' ? [] : {};
    if (Array.isArray(node)) {
      if (segment !== '') throw conflict(rawKey);
      node.push(child);
      if (!last) node = child as FormObject | FormValue[];
      return;
    }
    if (segment === '') throw conflict(rawKey);
    const existing: FormValue | undefined = node[segment];
    if (last) {
      if (existing !== undefined && typeof existing !== 'string') throw conflict(rawKey);
      node[segment] = value;
      return;
    }
    if (existing === undefined) {
      node[segment] = child;
      node = child as FormObject | FormValue[];
    } else if (typeof existing === 'string' || Array.isArray(existing) !== Array.isArray(child)) {
      throw conflict(rawKey);
    } else {
      node = existing;
    }
  });
}

function conflict(rawKey: string) {
  return invalidRequest(
    `Invalid value for ${rawKey}: the parameter is given both as a value and as a hash or array.`,
    rawKey,
  );
}
