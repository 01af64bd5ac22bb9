import { describe, expect, it } from 'vitest';
import { partitionOfSymbol } from './symbol-partition.ts';

describe('partitionOfSymbol', () => {
  it('is the FNV-1a hash modulo the count, stable across calls', () => {
    // FNV-1a 32-bit of "a" is 0xe40c292c (the published test vector).
    expect(partitionOfSymbol('a', 0x1_0000_0000 - 1)).toBe(0xe40c292c % (0x1_0000_0000 - 1));
    expect(partitionOfSymbol('AAPL', 7)).toBe(partitionOfSymbol('AAPL', 7));
    expect(partitionOfSymbol('AAPL', 1)).toBe(0);
  });

  it('spreads symbols over every partition', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 400; i++) counts[partitionOfSymbol(`SYM${i}`, 4)]!++;
    for (const count of counts) expect(count).toBeGreaterThan(60);
  });
});
