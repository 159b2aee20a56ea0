'use client';

import { useMemo, useState } from 'react';

export type SortDirection = 'asc' | 'desc';

/**
 * Client-side search and sort for the console's tables: the catalog is small (tens of rows), so the
 * whole list is loaded once and filtered in the browser.
 */
export function useSearchSort<Row, Key extends string>(
  rows: Row[],
  options: {
    text: (row: Row) => string;
    sorts: Record<Key, (row: Row) => string | number>;
    initial: NoInfer<Key>;
  },
) {
  const [query, setQuery] = useState('');
  const [sortKey, setSortKey] = useState<Key>(options.initial);
  const [direction, setDirection] = useState<SortDirection>('asc');
  const { text, sorts } = options;
  const visible = useMemo(() => {
    const needle = query.trim().toLowerCase();
    const matching = needle ? rows.filter((row) => text(row).toLowerCase().includes(needle)) : [...rows];
    const value = sorts[sortKey];
    matching.sort((a, b) => {
      const x = value(a);
      const y = value(b);
      const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return direction === 'asc' ? order : -order;
    });
    return matching;
  }, [rows, query, sortKey, direction, text, sorts]);
  const sortBy = (key: Key) => {
    if (key === sortKey) setDirection(direction === 'asc' ? 'desc' : 'asc');
    else {
      setSortKey(key);
      setDirection('asc');
    }
  };
  return { query, setQuery, visible, sortKey, direction, sortBy };
}

/** A column header that sorts its table; aria-sort tells assistive technology the current order. */
export function SortHeader<Key extends string>({
  label,
  column,
  state,
}: {
  label: string;
  column: Key;
  state: { sortKey: Key; direction: SortDirection; sortBy: (key: Key) => void };
}) {
  const active = state.sortKey === column;
  return (
    <th
      className="py-2 pr-4"
      aria-sort={active ? (state.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
      scope="col"
    >
      <button type="button" onClick={() => state.sortBy(column)} className="uppercase hover:text-slate-900">
        {label}
        <span aria-hidden> {active ? (state.direction === 'asc' ? '▲' : '▼') : '↕'}</span>
      </button>
    </th>
  );
}

export function SearchBox({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        type="search"
        value={value}
        onChange={(e) => onChange(e.target.value)}
        placeholder={label}
        className="w-64 rounded-lg border border-slate-300 px-3 py-2 text-sm"
      />
    </div>
  );
}
