import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRateLimiter } from './rate-limit.js';

describe('rate limiter', () => {
  it('allows a burst of `capacity`, then refuses with the time to wait', () => {
    const limiter = createRateLimiter({ capacity: 3, refillPerSecond: 0.5, maxClients: 10 });
    const t = 1_000_000;
    expect([1, 2, 3].map(() => limiter.take('1.2.3.4', t).allowed)).toEqual([true, true, true]);
    expect(limiter.take('1.2.3.4', t)).toEqual({ allowed: false, retryAfterSeconds: 2 });
    expect(limiter.take('5.6.7.8', t).allowed).toBe(true);
    expect(limiter.take('1.2.3.4', t + 1000)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.take('1.2.3.4', t + 2000).allowed).toBe(true);
    expect(limiter.take('1.2.3.4', t + 2000).allowed).toBe(false);
  });

  it('refills up to capacity only', () => {
    const limiter = createRateLimiter({ capacity: 2, refillPerSecond: 100, maxClients: 10 });
    limiter.take('a', 0);
    const later = 3_600_000;
    expect([1, 2, 3].map(() => limiter.take('a', later).allowed)).toEqual([true, true, false]);
  });

  it('a clock stepping back neither refills nor drains', () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 1, maxClients: 10 });
    expect(limiter.take('a', 10_000).allowed).toBe(true);
    expect(limiter.take('a', 5_000).allowed).toBe(false);
    expect(limiter.take('a', 11_000).allowed).toBe(true);
  });

  it('never allows more than capacity + elapsed × rate, whatever the request times', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.array(fc.integer({ min: 0, max: 2000 }), { minLength: 1, maxLength: 300 }),
        (capacity, rate, gaps) => {
          const limiter = createRateLimiter({ capacity, refillPerSecond: rate, maxClients: 4 });
          let now = 0;
          let allowed = 0;
          for (const gap of gaps) {
            now += gap;
            const decision = limiter.take('x', now);
            if (decision.allowed) allowed++;
            else expect(decision.retryAfterSeconds).toBeGreaterThanOrEqual(1);
          }
          expect(allowed).toBeLessThanOrEqual(capacity + (now / 1000) * rate + 1e-9);
        },
      ),
    );
  });

  it('keeps at most maxClients, evicting the least recently used', () => {
    const limiter = createRateLimiter({ capacity: 1, refillPerSecond: 0.001, maxClients: 3 });
    for (const ip of ['a', 'b', 'c']) limiter.take(ip, 0);
    expect(limiter.take('a', 1).allowed).toBe(false); // a is now the most recent
    limiter.take('d', 2); // evicts b
    expect(limiter.size).toBe(3);
    expect(limiter.take('a', 3).allowed).toBe(false);
    expect(limiter.take('c', 4).allowed).toBe(false); // still tracked, still empty; evicts nothing
    expect(limiter.take('b', 5).allowed).toBe(true); // forgotten, so fresh; evicts d
    expect(limiter.size).toBe(3);
  });

  it('stays O(1) and bounded under a flood of distinct clients', () => {
    // A Map re-inserted on every touch took 11 s here: eviction walked V8's deleted holes.
    const limiter = createRateLimiter({ capacity: 5, refillPerSecond: 1, maxClients: 100_000 });
    const started = performance.now();
    for (let i = 0; i < 300_000; i++) limiter.take(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`, i);
    for (let i = 0; i < 300_000; i++) limiter.take(`10.0.0.${i & 63}`, i);
    expect(limiter.size).toBe(100_000);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects nonsense options', () => {
    expect(() => createRateLimiter({ capacity: 0, refillPerSecond: 1, maxClients: 1 })).toThrow(/capacity/);
    expect(() => createRateLimiter({ capacity: 1, refillPerSecond: Number.NaN, maxClients: 1 })).toThrow();
    expect(() => createRateLimiter({ capacity: 1, refillPerSecond: 1, maxClients: 1.5 })).toThrow();
  });
});
