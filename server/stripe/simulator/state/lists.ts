import { paramError } from '../http/errors';
import { array, integer, string } from '../http/params';
import type { ApiList } from './objects';

/** The pagination parameters every list endpoint takes. */
export const listParams = {
  limit: integer({ min: 1, max: 100 }),
  starting_after: string(),
  ending_before: string(),
  expand: array(string()),
};

interface Page {
  limit?: number;
  starting_after?: string;
  ending_before?: string;
}

/** Cuts one page out of `items` (already newest first), with Stripe's cursor semantics. */
export function paginate<T extends { id: string }>(items: T[], page: Page, url: string): ApiList<T> {
  const limit = page.limit ?? 10;
  if (page.starting_after !== undefined && page.ending_before !== undefined) {
    throw paramError(
      'You may only specify one of these parameters: ending_before, starting_after.',
      'ending_before',
      'parameters_exclusive',
    );
  }
  if (page.ending_before !== undefined) {
    const end = cursorIndex(items, page.ending_before, 'ending_before');
    const start = Math.max(0, end - limit);
    return { object: 'list', data: items.slice(start, end), has_more: start > 0, url };
  }
  const start = page.starting_after === undefined ? 0 : cursorIndex(items, page.starting_after, 'starting_after') + 1;
  return { object: 'list', data: items.slice(start, start + limit), has_more: start + limit < items.length, url };
}

function cursorIndex(items: Array<{ id: string }>, id: string, param: string): number {
  const index = items.findIndex((item) => item.id === id);
  if (index === -1) throw paramError(`No such object: '${id}'`, param, 'resource_missing');
  return index;
}
