import { describe, expect, it } from 'vitest';
import { deriveSeed, Prng } from './prng.ts';

describe('Prng', () => {
  it('is reproducible for a seed and differs across seeds', () => {
    const draw = (seed: number) => {
      const rng = new Prng(seed);
      return Array.from({ length: 8 }, () => rng.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('produces uniforms in (0,1) and standard normals with mean ~0 and variance ~1', () => {
    const rng = new Prng(7);
    const n = 50_000;
    let sum = 0;
    let sumSq = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.uniform();
      if (u <= 0 || u >= 1) outside += 1;
      const z = rng.normal();
      sum += z;
      sumSq += z * z;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n)).toBeLessThan(0.03);
    expect(Math.abs(sumSq / n - 1)).toBeLessThan(0.05);
  });

  it('derives distinct per-label seeds', () => {
    expect(deriveSeed(1, 'AAPL')).not.toBe(deriveSeed(1, 'ES'));
    expect(deriveSeed(1, 'AAPL')).toBe(deriveSeed(1, 'AAPL'));
  });
});
