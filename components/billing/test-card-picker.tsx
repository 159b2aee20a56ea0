'use client';

import { Badge } from '../ui/badge';
import { TEST_CARDS } from './test-cards';

/**
 * Stripe's test cards as radio buttons, for the simulator: no card number is typed and nothing real is
 * charged, which the "Test mode" label says plainly.
 */
export function TestCardPicker({
  value,
  onChange,
  disabled = false,
  name = 'test-card',
}: {
  value: string;
  onChange: (id: string) => void;
  disabled?: boolean;
  name?: string;
}) {
  return (
    <fieldset className="space-y-2" disabled={disabled}>
      <legend className="flex items-center gap-2 text-sm font-medium">
        Test card <Badge tone="warning">Test mode</Badge>
      </legend>
      <p className="text-xs text-slate-500">
        Payments run against the Stripe simulator: pick one of Stripe&apos;s test cards. No real card is charged.
      </p>
      <div className="grid gap-2 sm:grid-cols-2">
        {TEST_CARDS.map((card) => (
          <label
            key={card.id}
            className={`flex cursor-pointer items-start gap-2 rounded-lg border p-3 text-sm ${
              value === card.id ? 'border-slate-900 bg-slate-50' : 'border-slate-200'
            }`}
          >
            <input
              type="radio"
              name={name}
              value={card.id}
              checked={value === card.id}
              onChange={() => onChange(card.id)}
              className="mt-1"
              aria-label={`${card.brand} ${card.number.slice(-4)} — ${card.behaviour}`}
            />
            <span>
              <span className="font-medium">
                {card.brand} •••• {card.number.slice(-4)}
              </span>
              <span className="block font-mono text-xs text-slate-500">{card.number}</span>
              <span className="block text-xs text-slate-600">{card.behaviour}</span>
            </span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
