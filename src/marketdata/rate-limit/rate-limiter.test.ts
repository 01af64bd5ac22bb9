import { describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import { RateLimiter } from './rate-limiter.ts';

const MS = 1_000_000n;

function setup(maxQueued = 10) {
  const clock = new TestClock(0n);
  const limiter = new RateLimiter(clock, {
    source: 'binance-rest',
    capacity: 2,
    refillPerSecond: 10,
    maxQueued,
  });
  const started: string[] = [];
  const call = (name: string, cost = 1) =>
    limiter.schedule(() => {
      started.push(`${name}@${clock.nowNs() / MS}ms`);
      return name;
    }, cost);
  return { clock, limiter, started, call };
}

describe('RateLimiter', () => {
  it('runs within the burst at once and the rest in FIFO order as tokens refill', async () => {
    const { clock, limiter, started, call } = setup();
    const results = [call('a'), call('b'), call('c'), call('d', 2), call('e')];
    expect(started).toEqual(['a@0ms', 'b@0ms']);
    expect(limiter.queued).toBe(3);
    clock.advanceTo(1_000n * MS);
    // c at 100 ms; d needs 2 tokens (300 ms); e waits behind d even though 1 token was there earlier.
    expect(started).toEqual(['a@0ms', 'b@0ms', 'c@100ms', 'd@300ms', 'e@400ms']);
    expect(await Promise.all(results)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(limiter.queued).toBe(0);
    expect(clock.timerNames()).toEqual([]);
  });

  it('reports the remaining budget', () => {
    const { clock, limiter, call } = setup();
    call('a');
    expect(limiter.bucket.remaining()).toBe(1);
    clock.advanceTo(50n * MS);
    expect(limiter.bucket.remaining()).toBeCloseTo(1.5, 12);
  });

  it('rejects with a clear error when the queue is full', async () => {
    const { clock, started, call } = setup(1);
    call('a');
    call('b');
    const queued = call('c');
    await expect(call('d')).rejects.toThrow(
      'rate limiter "binance-rest": queue full (1 calls waiting), call rejected',
    );
    clock.advanceTo(100n * MS);
    expect(await queued).toBe('c');
    expect(started).toEqual(['a@0ms', 'b@0ms', 'c@100ms']);
  });

  it('passes failures of the call to its caller only', async () => {
    const { clock, limiter, call } = setup();
    call('a');
    call('b');
    const failing = limiter.schedule(() => Promise.reject(new Error('HTTP 500')));
    const after = call('c');
    clock.advanceTo(200n * MS);
    await expect(failing).rejects.toThrow('HTTP 500');
    expect(await after).toBe('c');
  });

  it('rejects a cost above capacity and waiting calls on close', async () => {
    const { limiter, clock, call } = setup();
    await expect(call('big', 3)).rejects.toThrow(/cost must be in \(0, 2\]/);
    call('a');
    call('b');
    const waiting = call('c');
    limiter.close();
    await expect(waiting).rejects.toThrow('rate limiter "binance-rest" closed');
    expect(clock.timerNames()).toEqual([]);
  });
});
