import { randomBytes } from 'node:crypto';

/** The Redis the tests run against (CI starts one on the default port). */
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A key prefix of its own for each test, so parallel files and runs never share counters. */
export const uniqueKeyPrefix = (name: string) => `test:${name}:${randomBytes(4).toString('hex')}`;
