import { describe, expect, it } from 'vitest';
import { createPrng, mulberry32 } from './prng.ts';

describe('prng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = mulberry32(123);
    const b = mulberry32(123);
    const c = mulberry32(124);
    const xa = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xa);
    expect(c()).not.toBe(xa[0]);
  });

  it('uniforms lie in [0, 1) with mean ~ 1/2; normals have mean ~ 0 and variance ~ 1', () => {
    const p = createPrng(2024);
    const n = 100_000;
    let su = 0;
    let sz = 0;
    let szz = 0;
    let lo = 1;
    let hi = 0;
    for (let i = 0; i < n; i++) {
      const u = p.uniform();
      lo = Math.min(lo, u);
      hi = Math.max(hi, u);
      su += u;
      const z = p.normal();
      sz += z;
      szz += z * z;
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    // standard errors: 0.29 / sqrt(n) ~ 0.0009, 1 / sqrt(n) ~ 0.003, sqrt(2 / n) ~ 0.0045
    expect(Math.abs(su / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(sz / n)).toBeLessThan(0.015);
    expect(Math.abs(szz / n - 1)).toBeLessThan(0.025);
  });
});
