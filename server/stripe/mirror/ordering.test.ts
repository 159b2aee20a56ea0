import { describe, expect, it } from 'vitest';
import { freshness, gate, later } from './ordering';

describe('freshness of an event against the mirror', () => {
  const at = (s: number) => new Date(s * 1000);
  it.each([
    [at(10), null, 'newer'],
    [at(11), at(10), 'newer'],
    [at(10), at(10), 'same-second'],
    [new Date(10_900), at(10), 'same-second'],
    [at(9), at(10), 'older'],
  ] as const)('%s vs %s → %s', (event, stored, expected) => {
    expect(freshness(event, stored)).toBe(expected);
  });
});

describe('gate', () => {
  const at = (s: number) => new Date(s * 1000);
  it('applies newer events, skips older ones, and asks for the truth within the same second', () => {
    expect(gate(at(11), at(10), false)).toBe('apply');
    expect(gate(at(9), at(10), false)).toBe('stale');
    expect(gate(at(10), at(10), false)).toBe('needs-truth');
    expect(gate(at(10), at(10), true)).toBe('apply');
    expect(gate(at(9), at(10), true)).toBe('stale');
  });

  it('lets a fresh read win over a row stamped ahead by a test clock', () => {
    expect(gate(at(1000), at(1000 + 32 * 86_400), true)).toBe('apply');
    expect(gate(at(1000), at(1000 + 32 * 86_400), false)).toBe('stale');
  });

  it('never moves a row clock backwards', () => {
    expect(later(at(20), at(10))).toEqual(at(20));
    expect(later(null, at(10))).toEqual(at(10));
  });
});
