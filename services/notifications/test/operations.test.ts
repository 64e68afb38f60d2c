import { createTokenVerifier, signDevToken } from '@participa/auth';
import { connectRedis, createQueue, NOTIFICATIONS_QUEUE } from '@participa/queue';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorCheck, startQueuesView } from '../src/operations.ts';
import { startScratchRedis } from './harness.ts';

const SECRET = 'operations-test-secret';
let redis: Awaited<ReturnType<typeof startScratchRedis>>;
let connection: Redis;
let view: Awaited<ReturnType<typeof startQueuesView>>;

beforeAll(async () => {
  redis = await startScratchRedis();
  connection = connectRedis(redis.url, { role: 'producer' });
  connection.on('error', () => {});
  view = await startQueuesView(
    { connection, prefix: 'ops-test' },
    { port: 0, authorize: operatorCheck(createTokenVerifier({ secret: SECRET })) },
  );
});

afterAll(async () => {
  await view?.close();
  connection?.disconnect();
  await redis?.stop();
});

async function eventuallyOk(url: string) {
  for (let i = 0; i < 100; i++) {
    if ((await fetch(url)).status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not recover`);
}

const token = (role: 'secretariat' | 'system' | 'ese_admin' | 'citizen') =>
  signDevToken(
    { sub: `ops-${role}`, roles: [role], ...(role === 'ese_admin' && { network: 'CENTRO' }) },
    SECRET,
  );

describe('queue health and dashboard beside the notifications worker', () => {
  it('reports every queue of the platform with its delayed and failed jobs', async () => {
    const queue = createQueue(NOTIFICATIONS_QUEUE, { connection, prefix: 'ops-test' });
    await queue.add('deliver', { deliveryId: 'x' }, { delay: 60_000 });
    const response = await fetch(`${view.url}/health`);
    expect(response.status).toBe(200);
    const health = (await response.json()) as { ok: boolean; queues: { name: string; delayed: number }[] };
    expect(health.ok).toBe(true);
    expect(health.queues.map((q) => q.name).sort()).toEqual(
      [
        'indicators',
        'notifications',
        'reminders-education',
        'reminders-feedback',
        'reminders-planning',
      ].sort(),
    );
    expect(health.queues.find((q) => q.name === 'notifications')!.delayed).toBe(1);
    await queue.close();
  });

  it('opens the dashboard to the secretariat and system only, signed in once by a link', async () => {
    const anonymous = await fetch(`${view.url}/queues`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).toContain('Inicie sesión');
    for (const role of ['citizen', 'ese_admin'] as const) {
      const refused = await fetch(`${view.url}/queues`, {
        headers: { authorization: `Bearer ${await token(role)}` },
      });
      expect(refused.status).toBe(403);
    }
    const forged = await fetch(`${view.url}/queues`, { headers: { authorization: 'Bearer abc.def.ghi' } });
    expect(forged.status).toBe(401);

    for (const role of ['secretariat', 'system'] as const) {
      const signIn = await fetch(`${view.url}/queues?token=${await token(role)}`, { redirect: 'manual' });
      expect(signIn.status).toBe(303);
      const cookie = signIn.headers.get('set-cookie')!;
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      const session = cookie.split(';')[0]!;
      const page = await fetch(`${view.url}/queues`, { headers: { cookie: session } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      const api = await fetch(`${view.url}/queues/api/queues`, { headers: { cookie: session } });
      expect(api.status).toBe(200);
      const listed = (await api.json()) as { queues: { name: string }[] };
      expect(listed.queues.map((q) => q.name)).toContain('notifications');
    }
  });

  it('answers 503 with the reason when Redis is down, without hanging', async () => {
    await redis.stop();
    const started = Date.now();
    const response = await fetch(`${view.url}/health`);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { error: string }).error).toBe('Redis no responde');
    expect(Date.now() - started).toBeLessThan(10_000);
    await redis.start();
    await eventuallyOk(`${view.url}/health`);
  });
});
