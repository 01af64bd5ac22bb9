import { describe, expect, it } from 'vitest';
import { parametricVar, parametricVarFromMoments } from './parametric-var.ts';

// Reference constants: z(0.95) = 1.6448536269514722, z(0.99) = 2.3263478740408408;
// phi(z) / (1 - c): 2.0627128075074257 at 95%, 2.6652142203458076 at 99%.
describe('parametricVar', () => {
  it('1-day 95% with zero mean is 1.645 sigma; ES 2.063 sigma', () => {
    const r = parametricVarFromMoments(0, 0.01);
    expect(r.var).toBeCloseTo(0.016448536269514723, 13);
    expect(r.es).toBeCloseTo(0.020627128075074257, 13);
    expect(r).toMatchObject({ method: 'parametric', confidence: 0.95, horizonDays: 1 });
  });

  it('10-day 99% with drift: -(mu h) + z sigma sqrt(h)', () => {
    const r = parametricVarFromMoments(0.001, 0.02, { confidence: 0.99, horizonDays: 10 });
    expect(r.var).toBeCloseTo(-0.01 + 2.3263478740408408 * 0.02 * Math.sqrt(10), 13);
    expect(r.es).toBeCloseTo(2.6652142203458076 * 0.02 * Math.sqrt(10) - 0.01, 13);
    expect(r.es).toBeGreaterThan(r.var);
  });

  it('estimates mu and sigma (ddof = 1) from returns, ignoring NaN', () => {
    const r = parametricVar([0.01, Number.NaN, 0.03]);
    expect(r.var).toBeCloseTo(-0.02 + 1.6448536269514722 * Math.sqrt(0.0002), 13);
  });

  it('rejects bad inputs', () => {
    expect(() => parametricVar([0.01])).toThrow(/returns/);
    expect(() => parametricVar([])).toThrow(/returns/);
    expect(() => parametricVarFromMoments(0, -1)).toThrow(/sigma/);
    expect(() => parametricVarFromMoments(0, 1, { confidence: 1.5 })).toThrow(/confidence/);
    expect(() => parametricVarFromMoments(0, 1, { horizonDays: 1.5 })).toThrow(/horizonDays/);
  });
});
