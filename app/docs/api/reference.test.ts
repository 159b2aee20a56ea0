import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { routeKey } from '@/server/rest/handler';
import { REST_ROUTES } from '@/server/rest/route-table';
import ApiReferencePage from './page';

describe('the API reference page (/docs/api)', () => {
  const html = renderToStaticMarkup(createElement(ApiReferencePage));

  it('shows every route of the table with its method and path', () => {
    for (const route of REST_ROUTES) {
      expect(html, routeKey(route)).toContain(`id="${route.operationId}"`);
      expect(html).toContain(`>${route.path}</span>`);
    }
  });

  it('shows the shapes with the contract’s field names', () => {
    expect(html).toContain('id="schema-Subscription"');
    expect(html).toContain('cancels_at_period_end');
    expect(html).toContain('overage_price');
  });

  it('is plain server-rendered HTML: no script, nothing loaded from another host', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/(src|href)="(https?:)?\/\//i);
  });
});
