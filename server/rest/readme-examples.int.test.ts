import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STARTER_PLAN_ID } from '@/db/seed/sample-catalog';
import { startRestStack, type RestStack } from './test-support/stack';

/** The README's `curl` examples, each a ```bash block after a `<!-- readme-example: NAME -->` marker. */
function readmeExamples(): Record<string, string> {
  const readme = readFileSync(path.join(process.cwd(), 'README.md'), 'utf8');
  const blocks = [...readme.matchAll(/<!-- readme-example: ([\w-]+) -->\s*```bash\n([\s\S]*?)```/g)];
  return Object.fromEntries(blocks.map((match) => [match[1]!, match[2]!]));
}

const run = promisify(execFile);
let stack: RestStack;
let apiKey: string;
const examples = readmeExamples();

beforeAll(async () => {
  stack = await startRestStack();
  const billing = await stack.as('org_readme', 'org:billing');
  const subscribed = await fetch(`${stack.server.url}/api/subscriptions`, {
    method: 'POST',
    headers: { ...billing, 'content-type': 'application/json' },
    body: JSON.stringify({
      organization_id: 'org_readme',
      plan_id: STARTER_PLAN_ID,
      billing_cycle: 'monthly',
      payment_method_id: 'pm_card_visa',
    }),
  });
  expect(subscribed.status).toBe(201);
  const key = await stack.key('org_readme', ['usage:write', 'entitlements:read']);
  apiKey = key.authorization!.replace(/^Bearer /, '');
});
afterAll(() => stack.stop());

/** Runs an example as a reader would paste it, with only the two documented variables set. */
async function runExample(name: string): Promise<unknown> {
  const script = examples[name];
  expect(script, `README.md has no example "${name}"`).toBeDefined();
  const { stdout } = await run('bash', ['-euo', 'pipefail', '-c', script!], {
    env: { PATH: process.env.PATH, NODE_ENV: 'test', BILLING_URL: stack.server.url, BILLING_API_KEY: apiKey },
    timeout: 20_000,
  });
  return JSON.parse(stdout) as unknown;
}

describe('the README’s curl examples', () => {
  it('address the service only through $BILLING_URL and $BILLING_API_KEY', () => {
    expect(Object.keys(examples).sort()).toEqual(['check-entitlement', 'record-usage']);
    for (const script of Object.values(examples)) {
      expect(script).toContain('$BILLING_URL');
      expect(script).toContain('Bearer $BILLING_API_KEY');
      expect(script).not.toMatch(/localhost|127\.0\.0\.1|bsk_/);
    }
  });

  it('record usage through POST /api/usage, as the README says they answer', async () => {
    expect(await runExample('record-usage')).toEqual({
      status: 'success',
      data: { accepted: 1, duplicates: 0, rejected: [] },
    });
    // Run twice, the same idempotency key counts once.
    expect(await runExample('record-usage')).toMatchObject({ data: { accepted: 0, duplicates: 1 } });
  });

  it('check an entitlement through the tRPC endpoint and see the usage just recorded', async () => {
    expect(await runExample('check-entitlement')).toEqual({
      result: {
        data: expect.objectContaining({ allowed: true, key: 'notifications_per_month', limit: 10_000, used: 250 }),
      },
    });
  });
});
