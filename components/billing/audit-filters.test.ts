import { describe, expect, it } from 'vitest';
import { auditFiltersFrom, auditHref, auditQueryOf } from './audit-filters';

describe('audit page filters', () => {
  it('turns picked days into an inclusive range of whole UTC days', () => {
    const filters = auditFiltersFrom({ action: ' api_key ', from: '2026-01-01', to: '2026-01-31' });
    expect(auditQueryOf(filters)).toEqual({
      action: 'api_key',
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-02-01T00:00:00.000Z',
      limit: 50,
    });
  });

  it('ignores malformed days and repeated parameters rather than failing the page', () => {
    expect(auditFiltersFrom({ from: '01/02/2026', to: '2026-13-45', action: ['a', 'b'] })).toEqual({
      action: 'a',
      from: '',
      to: '',
      cursor: '',
    });
  });

  it('keeps the filters in the next page’s link', () => {
    expect(auditHref({ action: 'api_key', from: '2026-01-01', to: '' }, 'CUR')).toBe(
      '/billing/audit?action=api_key&from=2026-01-01&cursor=CUR',
    );
    expect(auditHref({ action: '', from: '', to: '' })).toBe('/billing/audit');
  });
});
