import type { ReactNode } from 'react';

export const inputClass =
  'mt-1 w-full rounded-lg border border-slate-300 px-3 py-2 text-sm aria-[invalid=true]:border-red-500 disabled:bg-slate-100';

/** A labelled control with its inline error; the error is tied to the control for screen readers. */
export function Field({
  id,
  label,
  error,
  hint,
  children,
  className = '',
}: {
  id: string;
  label: string;
  error?: string | null;
  hint?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint && !error && <p className="mt-1 text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

/** Props that mark a control invalid and point it at its error text. */
export const invalid = (id: string, error: string | null | undefined) =>
  error ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` } : {};

/** The server's field errors of a failed tRPC call (zod's and our domain's), keyed by field path. */
export function fieldErrorsOf(error: { data?: unknown } | null | undefined): Record<string, string[]> {
  return (error?.data as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors ?? {};
}

/** The first message for a field, from the client's checks or else the server's. */
export const firstError = (
  client: Record<string, string | undefined>,
  server: Record<string, string[]>,
  key: string,
): string | null => client[key] ?? server[key]?.[0] ?? null;
