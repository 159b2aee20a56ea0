/** Shown while a console page renders on the server. */
export default function AdminLoading() {
  return (
    <div role="status" aria-label="Loading" className="space-y-4">
      <div className="h-40 animate-pulse rounded-2xl bg-slate-200" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
