import { describe, expect, it } from 'vitest';
import { fx } from '../money/fixed.ts';
import { barPath } from './bar-path.ts';
import { crosses, slipped, stopTriggered } from './crossing.ts';
import { NS_PER_DAY, nextSessionEndNs } from './session.ts';

describe('venue helpers', () => {
  it('bar path goes to the nearer extreme first (ties high first)', () => {
    expect(barPath(fx('10'), fx('12'), fx('9'), fx('11')).map(String)).toEqual(['10', '9', '12', '11']);
    expect(barPath(fx('10'), fx('11'), fx('9'), fx('10')).map(String)).toEqual(['10', '11', '9', '10']);
  });
  it('crossing rules and stop triggers', () => {
    expect(crosses('buy', fx('10'), fx('10'), 'touch')).toBe(true);
    expect(crosses('buy', fx('10'), fx('10'), 'strict')).toBe(false);
    expect(crosses('sell', fx('10'), fx('10.01'), 'strict')).toBe(true);
    expect(stopTriggered('sell', fx('10'), fx('10'))).toBe(true);
    expect(stopTriggered('buy', fx('10'), fx('9.99'))).toBe(false);
  });
  it('slippage moves against the taker, capped by the limit and a tick', () => {
    expect(slipped('buy', fx('10.00'), fx('0.01'), 3n).toString()).toBe('10.03');
    expect(slipped('buy', fx('10.00'), fx('0.01'), 3n, fx('10.02')).toString()).toBe('10.02');
    expect(slipped('sell', fx('0.02'), fx('0.01'), 5n).toString()).toBe('0.01');
  });
  it('next session end is strictly after the timestamp', () => {
    expect(nextSessionEndNs(5n, 0n)).toBe(NS_PER_DAY);
    expect(nextSessionEndNs(NS_PER_DAY, 0n)).toBe(2n * NS_PER_DAY);
    expect(nextSessionEndNs(5n, 3_600_000_000_000n)).toBe(3_600_000_000_000n);
  });
});
