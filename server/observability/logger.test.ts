import { describe, expect, it } from 'vitest';
import { captureLogger } from '@/test/deps';
import { requestIdFrom, runInRequest } from './request-context';

describe('logger', () => {
  it('stamps the request id on every line logged while serving a request', async () => {
    const { logger, lines } = captureLogger('info');
    await runInRequest({ requestId: 'req-12345678' }, async () => {
      logger.info('first');
      await new Promise((resolve) => setTimeout(resolve, 1));
      logger.child({ area: 'plans' }).warn('second');
    });
    logger.info('outside');
    const [first, second, outside] = lines();
    expect(first).toMatchObject({ msg: 'first', requestId: 'req-12345678', service: 'billing-service' });
    expect(second).toMatchObject({ msg: 'second', requestId: 'req-12345678', area: 'plans' });
    expect(outside).not.toHaveProperty('requestId');
  });

  it('never writes secrets, tokens or authorization headers', () => {
    const { logger, lines } = captureLogger('info');
    logger.info(
      { headers: { authorization: 'Bearer eyJsecret' }, apiKey: 'bsk_live_123', nested: { token: 't' } },
      'x',
    );
    const text = JSON.stringify(lines());
    expect(text).not.toContain('eyJsecret');
    expect(text).not.toContain('bsk_live_123');
    expect(text).not.toContain('"t"');
  });

  it('honours the level', () => {
    const { logger, lines } = captureLogger('warn');
    logger.info('hidden');
    logger.error('shown');
    expect(lines().map((l) => l.msg)).toEqual(['shown']);
  });
});

describe('requestIdFrom', () => {
  it('reuses a well-formed caller id and replaces anything else', () => {
    expect(requestIdFrom(new Headers({ 'x-request-id': 'abc-123-def-456' }))).toBe('abc-123-def-456');
    expect(requestIdFrom(new Headers({ 'x-request-id': 'bad id\n' }))).toMatch(/^[0-9a-f-]{36}$/);
    expect(requestIdFrom(new Headers())).toMatch(/^[0-9a-f-]{36}$/);
  });
});
