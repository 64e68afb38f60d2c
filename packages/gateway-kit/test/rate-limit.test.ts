import { RateLimiterMemory } from 'rate-limiter-flexible';
import { describe, expect, it } from 'vitest';
import { batchedCharge } from '../src/rate-limit.ts';

/** A real in-memory budget that counts the calls it gets (the store Redis stands in for). */
class CountingBudget extends RateLimiterMemory {
  calls = 0;
  override consume(key: string | number, points?: number) {
    this.calls += 1;
    return super.consume(key, points);
  }
}

describe('charges to a budget sent together', () => {
  it('let exactly the budget through, in arrival order, and count every point', async () => {
    const budget = new CountingBudget({ points: 5, duration: 60 });
    const charge = batchedCharge(budget);
    const verdicts = await Promise.all(Array.from({ length: 8 }, () => charge('ip:1', 1)));
    expect(verdicts.map((v) => v.fits)).toEqual([true, true, true, true, true, false, false, false]);
    // The first went alone; the seven that came while it was on its way went as one call.
    expect(budget.calls).toBe(2);
    expect((await budget.get('ip:1'))?.consumedPoints).toBe(8);
    expect(verdicts[7]!.msBeforeNext).toBeGreaterThan(0);
  });

  it('weigh each charge by its points, and keep clients apart', async () => {
    const budget = new CountingBudget({ points: 7, duration: 60 });
    const charge = batchedCharge(budget);
    const [a1, a2, a3, b1] = await Promise.all([
      charge('user:a', 3),
      charge('user:a', 3),
      charge('user:a', 3),
      charge('user:b', 3),
    ]);
    expect([a1!.fits, a2!.fits, a3!.fits]).toEqual([true, true, false]);
    expect(b1!.fits).toBe(true);
    expect((await budget.get('user:a'))?.consumedPoints).toBe(9);
    expect((await budget.get('user:b'))?.consumedPoints).toBe(3);
  });

  it('go one by one when they do not overlap', async () => {
    const budget = new CountingBudget({ points: 2, duration: 60 });
    const charge = batchedCharge(budget);
    expect((await charge('ip:2', 1)).fits).toBe(true);
    expect((await charge('ip:2', 1)).fits).toBe(true);
    expect((await charge('ip:2', 1)).fits).toBe(false);
    expect(budget.calls).toBe(3);
  });

  it('fail every charge of a call the store could not answer, and recover on the next', async () => {
    class Broken extends RateLimiterMemory {
      broken = true;
      override consume(key: string | number, points?: number) {
        return this.broken ? Promise.reject(new Error('store down')) : super.consume(key, points);
      }
    }
    const budget = new Broken({ points: 5, duration: 60 });
    const charge = batchedCharge(budget);
    const results = await Promise.allSettled([charge('ip:3', 1), charge('ip:3', 1)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    budget.broken = false;
    expect((await charge('ip:3', 1)).fits).toBe(true);
  });
});
