import { describe, expect, it } from 'vitest';
import { DEFAULT_INSTRUMENTS, onGrid, stepDecimals } from './instruments.ts';

describe('instruments', () => {
  it('covers at least five symbols across asset classes', () => {
    expect(DEFAULT_INSTRUMENTS.length).toBeGreaterThanOrEqual(5);
    expect(new Set(DEFAULT_INSTRUMENTS.map((i) => i.assetClass)).size).toBeGreaterThanOrEqual(4);
  });

  it('maps step counts onto clean decimal grid values', () => {
    expect(stepDecimals(0.00001)).toBe(5);
    expect(stepDecimals(0.25)).toBe(2);
    expect(stepDecimals(1000)).toBe(0);
    expect(onGrid(108_503, 0.00001)).toBe(1.08503);
    expect(onGrid(3, 0.1)).toBe(0.3);
  });
});
