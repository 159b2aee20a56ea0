import { formatDay, formatNumber } from './format';

/**
 * Daily usage as inline SVG bars (no chart library: the page stays light), with the numbers in a
 * disclosure table for screen readers and anyone who wants them exactly.
 */
export function UsageChart({
  label,
  days,
  unit,
  slots,
  periodEnd,
}: {
  label: string;
  days: Array<{ day: string; quantity: number }>;
  unit: string;
  /** Days in the whole period: the chart spans it, so the bars so far show how far into it we are. */
  slots: number;
  periodEnd: string;
}) {
  if (days.every((d) => d.quantity === 0))
    return <p className="text-xs text-slate-500">No usage recorded in this period yet.</p>;
  const width = Math.max(days.length, slots);
  const max = Math.max(1, ...days.map((d) => d.quantity));
  const barWidth = 10;
  const height = 60;
  const total = days.reduce((sum, d) => sum + d.quantity, 0);
  const peak = days.reduce((best, d) => (d.quantity > best.quantity ? d : best), days[0]!);
  const summary = `${label}: ${days.length} days from ${formatDay(days[0]!.day)} to ${formatDay(
    days[days.length - 1]!.day,
  )}, highest ${formatNumber(peak.quantity)} ${unit} on ${formatDay(peak.day)}.`;
  return (
    <figure className="space-y-1">
      <svg
        role="img"
        aria-label={summary}
        viewBox={`0 0 ${width * barWidth} ${height}`}
        preserveAspectRatio="none"
        className="h-20 w-full rounded bg-slate-50"
      >
        {days.map((d, index) => {
          const h = d.quantity === 0 ? 0 : Math.max(1, (d.quantity / max) * (height - 4));
          return (
            <rect
              key={d.day}
              x={index * barWidth + 1}
              y={height - h}
              width={barWidth - 2}
              height={h}
              className="fill-sky-500"
            >
              <title>{`${formatDay(d.day)}: ${formatNumber(d.quantity)} ${unit}`}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="flex justify-between text-xs text-slate-500">
        <span>{formatDay(days[0]!.day)}</span>
        <span>
          Per day · peak {formatNumber(peak.quantity)} · total {formatNumber(total)}
        </span>
        <span>{formatDay(periodEnd)}</span>
      </figcaption>
      <details className="text-xs">
        <summary className="cursor-pointer text-slate-600">Daily numbers</summary>
        <table className="mt-1 w-full max-w-xs text-left" aria-label={`${label} per day`}>
          <thead>
            <tr>
              <th className="pr-4">Day</th>
              <th className="text-right">{unit}</th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day}>
                <td className="pr-4">{formatDay(d.day)}</td>
                <td className="text-right tabular-nums">{formatNumber(d.quantity)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
