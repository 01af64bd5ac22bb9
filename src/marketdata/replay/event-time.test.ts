import { describe, expect, it } from 'vitest';
import { eventTimeOf } from './event-time.ts';
import { quoteAt } from './test-records.ts';

describe('eventTimeOf', () => {
  it('uses a bar close, not its open', () => {
    const bar = {
      kind: 'bar',
      symbol: 'X',
      spec: '1m',
      open: 1,
      high: 1,
      low: 1,
      close: 1,
      volume: 0,
    } as const;
    expect(eventTimeOf({ ...bar, startNs: 0n, endNs: 60n })).toBe(60n);
  });

  it('uses tsNs for quotes and trades', () => {
    expect(eventTimeOf(quoteAt(7n))).toBe(7n);
    expect(eventTimeOf({ kind: 'trade', symbol: 'X', price: 1, size: 1, tsNs: 9n })).toBe(9n);
  });
});
