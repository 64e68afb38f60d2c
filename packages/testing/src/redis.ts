import { HOW_TO_GET_REDIS } from '@participa/local-servers';

/**
 * The Redis of this test run (resolved by the global setup). Queue tests need a real one: with
 * none, they fail with what to do, never skip.
 */
export function testRedisUrl(): string {
  const url = process.env.TEST_REDIS_URL;
  if (!url)
    throw new Error(`This test needs Redis and none was found: ${HOW_TO_GET_REDIS}, or set TEST_REDIS_URL.`);
  return url;
}
