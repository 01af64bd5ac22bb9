import { describe, expect, it } from 'vitest';
import { fillId, OrderIdGenerator } from './order-id.ts';

describe('OrderIdGenerator', () => {
  it('is deterministic per strategy and counter', () => {
    const a = new OrderIdGenerator('ema-cross');
    const b = new OrderIdGenerator('ema-cross');
    expect([a.next(), a.next(), a.next()]).toEqual(['O-ema-cross-1', 'O-ema-cross-2', 'O-ema-cross-3']);
    expect(b.next()).toBe('O-ema-cross-1');
    expect(a.count).toBe(3);
  });

  it('resumes from a counter and validates', () => {
    expect(new OrderIdGenerator('S1', 41).next()).toBe('O-S1-42');
    expect(() => new OrderIdGenerator('bad id')).toThrow('bad strategy id: "bad id"');
    expect(() => new OrderIdGenerator('S1', -1)).toThrow('bad id counter: -1');
  });

  it('fill ids', () => {
    expect(fillId('O-S1-1', 2)).toBe('O-S1-1-F2');
  });
});
