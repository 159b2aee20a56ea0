/** Shown while a portal page renders on the server. */
export default function BillingLoading() {
  return (
    <div role="status" aria-label="Loading" className="space-y-4">
      <div className="h-32 animate-pulse rounded-2xl bg-slate-200" />
      <div className="h-20 animate-pulse rounded-2xl bg-slate-200" />
      <span className="sr-only">Loading…</span>
    </div>
  );
}
