import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startHarness } from './test-support/harness';

const dir = mkdtempSync(path.join(tmpdir(), 'stripe-sim-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a simulator with persistPath', () => {
  it('keeps its state across a restart', async () => {
    const persistPath = path.join(dir, 'state.json');
    const first = await startHarness({ persistPath });
    const { customer } = await first.customerOnClock();
    const price = await first.monthlyPrice(1500);
    const sub = await first.stripe.subscriptions.create({ customer: customer.id, items: [{ price: price.id }] });
    await first.close();

    const second = await startHarness({ persistPath });
    try {
      expect(await second.stripe.subscriptions.retrieve(sub.id)).toMatchObject({
        status: 'active',
        customer: customer.id,
      });
      expect((await second.stripe.events.list({ type: 'customer.subscription.created' })).data).toHaveLength(1);
      const later = await second.stripe.customers.create({ email: 'after-restart@example.com' });
      const newest = await second.stripe.customers.list({ limit: 1 });
      expect(newest.data[0]?.id).toBe(later.id);
    } finally {
      await second.close();
    }
  });

  it('starts empty, with a warning, from an unreadable file', async () => {
    const persistPath = path.join(dir, 'broken.json');
    writeFileSync(persistPath, '{ not json');
    const sim = await startHarness({ persistPath });
    try {
      expect((await sim.stripe.customers.list()).data).toEqual([]);
      expect(sim.warnings.map((w) => w.msg)).toContain('stripe simulator state file is unreadable; starting empty');
    } finally {
      await sim.close();
    }
  });
});
