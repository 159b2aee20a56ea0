import type { ZodError } from 'zod';

/** `paymentMethodId` → `payment_method_id`; the REST API speaks snake_case, tRPC camelCase. */
export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/**
 * Zod issues → `{field: [messages]}` with the paths the caller sent (`events.3.quantity`). An unknown
 * field is reported under its own name, so a client sees which key to remove.
 */
export function restFieldErrors(error: ZodError, where = 'body'): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const add = (path: PropertyKey[], message: string) => {
    const key = path.length ? path.map(String).join('.') : where;
    (result[key] ??= []).push(message);
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) add([...issue.path, key], 'unknown field');
    } else {
      add(issue.path, issue.message);
    }
  }
  return result;
}

/** Field errors raised in camelCase by a procedure, renamed to the fields the REST caller sent. */
export function snakeCaseFieldErrors(fieldErrors: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(fieldErrors).map(([path, messages]) => [path.split('.').map(snakeCase).join('.'), messages]),
  );
}

/** Error details such as `{retryAfterSeconds}` → `{retry_after_seconds}`; anything else unchanged. */
export function snakeCaseKeys(details: unknown): unknown {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return details;
  return Object.fromEntries(Object.entries(details).map(([key, value]) => [snakeCase(key), value]));
}
