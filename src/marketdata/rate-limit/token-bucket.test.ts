import { describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { TokenBucket } from './token-bucket.ts';

const MS = 1_000_000n;

describe('TokenBucket', () => {
  it('starts full and spends tokens all-or-nothing', () => {
    const bucket = new TokenBucket(new TestClock(0n), { capacity: 5, refillPerSecond: 10 });
    expect(bucket.remaining()).toBe(5);
    expect(bucket.tryTake(3)).toBe(true);
    expect(bucket.tryTake(3)).toBe(false);
    expect(bucket.remaining()).toBe(2);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.remaining()).toBe(1);
  });

  it('refills at the configured rate up to capacity', () => {
    const clock = new TestClock(1_000n * MS);
    const bucket = new TokenBucket(clock, { capacity: 5, refillPerSecond: 10 });
    expect(bucket.tryTake(5)).toBe(true);
    clock.advanceTo(1_050n * MS); // 50 ms at 10/s = 0.5 token
    expect(bucket.remaining()).toBeCloseTo(0.5, 12);
    expect(bucket.tryTake()).toBe(false);
    clock.advanceTo(1_100n * MS);
    expect(bucket.tryTake()).toBe(true);
    clock.advanceTo(9_000n * MS); // long idle: capped, not 79 tokens
    expect(bucket.remaining()).toBe(5);
  });

  it('reports how long until n tokens are available', () => {
    const clock = new TestClock(0n);
    const bucket = new TokenBucket(clock, { capacity: 4, refillPerSecond: 2 });
    expect(bucket.waitTimeNs(4)).toBe(0n);
    bucket.tryTake(4);
    expect(bucket.waitTimeNs(1)).toBe(500n * MS);
    expect(bucket.waitTimeNs(3)).toBe(1_500n * MS);
    clock.advanceTo(200n * MS); // 0.4 token banked: 0.6 more takes 300 ms
    expect(bucket.waitTimeNs(1)).toBe(300n * MS);
    clock.advanceTo(500n * MS);
    expect(bucket.waitTimeNs(1)).toBe(0n);
    expect(bucket.tryTake(1)).toBe(true);
  });

  it('supports fractional rates', () => {
    const clock = new TestClock(0n);
    const bucket = new TokenBucket(clock, { capacity: 1, refillPerSecond: 0.5 });
    bucket.tryTake();
    expect(bucket.waitTimeNs()).toBe(2_000n * MS);
    clock.advanceTo(2_000n * MS);
    expect(bucket.tryTake()).toBe(true);
  });

  it('rejects invalid settings and costs', () => {
    const clock = new TestClock(0n);
    expect(() => new TokenBucket(clock, { capacity: 0, refillPerSecond: 1 })).toThrow(/capacity/);
    expect(() => new TokenBucket(clock, { capacity: 1, refillPerSecond: -1 })).toThrow(/refillPerSecond/);
    const bucket = new TokenBucket(clock, { capacity: 2, refillPerSecond: 1 });
    expect(() => bucket.tryTake(3)).toThrow('token cost must be in (0, 2], got 3');
    expect(() => bucket.waitTimeNs(0)).toThrow(/token cost/);
  });
});
