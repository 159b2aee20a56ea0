/** The audit page's filters as they travel in its URL: the action and whole days, as a person picks them. */
export interface AuditFilters {
  action: string;
  /** YYYY-MM-DD, inclusive. */
  from: string;
  /** YYYY-MM-DD, inclusive. */
  to: string;
  cursor: string;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value)?.trim() ?? '';

export function auditFiltersFrom(params: Record<string, string | string[] | undefined>): AuditFilters {
  const day = (value: string) => (DAY.test(value) && !Number.isNaN(Date.parse(value)) ? value : '');
  return {
    action: first(params.action),
    from: day(first(params.from)),
    to: day(first(params.to)),
    cursor: first(params.cursor),
  };
}

/** `audit.list` input: whole UTC days, the `to` day included (so the range ends at the next midnight). */
export function auditQueryOf(filters: AuditFilters) {
  const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString();
  return {
    ...(filters.action ? { action: filters.action } : {}),
    ...(filters.from ? { from: `${filters.from}T00:00:00.000Z` } : {}),
    ...(filters.to ? { to: nextDay(filters.to) } : {}),
    ...(filters.cursor ? { cursor: filters.cursor } : {}),
    limit: 50,
  };
}

/** The page's URL for these filters (and a cursor for the next page). */
export function auditHref(filters: Omit<AuditFilters, 'cursor'>, cursor?: string): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, cursor })) if (value) params.set(key, value);
  const query = params.toString();
  return query ? `/billing/audit?${query}` : '/billing/audit';
}
