import { describe, expect, it } from 'vitest';
import { findSecrets } from './log-secrets';

describe('findSecrets', () => {
  it('finds each credential shape, and known secrets verbatim', () => {
    const line = (s: string) => `{"level":30,"msg":"x","value":"${s}"}`;
    expect(findSecrets(line('bsk_0123456789abcdefghijABCDEFGHIJ'))).toEqual(['API key: bsk_0123…']);
    expect(findSecrets(line('eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLXBhcnQ'))).toHaveLength(1);
    expect(findSecrets(line('sk_live_e2e_not_a_real_key'))).toHaveLength(1);
    expect(findSecrets(line('whsec_billing_service_local_dev_secret'))).toHaveLength(1);
    expect(findSecrets(line('plain-secret-value'), { METRICS_TOKEN: 'plain-secret-value' })).toEqual(['METRICS_TOKEN']);
  });

  it('passes ordinary log lines: prefixes shown in lists, redactions, ids', () => {
    const lines = [
      '{"msg":"api key created","prefix":"bsk_AbCdEfGh","keyId":"6f1c2a9e-0d1b-4c7e-9a55-0a1b2c3d4e5f"}',
      '{"headers":{"authorization":"[redacted]"},"msg":"request"}',
      '{"msg":"stripe event handled","stripeEventId":"evt_M5bAkSyCuuCaQT0kaH7vbhyL","customer":"cus_123"}',
    ].join('\n');
    expect(findSecrets(lines)).toEqual([]);
  });
});
