import { describe, expect, it } from 'vitest';
import type { TradingStateChange } from '../../trading/risk/trading-state.ts';
import { ToxicityHold } from './toxicity-hold.ts';

const change = (tsNs: bigint): TradingStateChange => ({
  from: 'ACTIVE',
  to: 'REDUCING',
  reason: 'critical toxicity',
  requestedBy: 'vpin',
  tsNs,
});

describe('ToxicityHold', () => {
  it('is due once the cool-off has passed since the last critical alert', () => {
    const hold = new ToxicityHold(100n);
    const imposed = change(0n);
    hold.onCritical(0n, imposed);
    expect(hold.due(99n, imposed)).toBe(false);
    hold.onCritical(50n, undefined);
    expect(hold.due(120n, imposed)).toBe(false);
    expect(hold.due(150n, imposed)).toBe(true);
  });

  it('forgets the hold when a later change took over, and ignores alerts without a hold', () => {
    const hold = new ToxicityHold(100n);
    hold.onCritical(0n, undefined);
    expect(hold.due(1_000n, undefined)).toBe(false);
    const imposed = change(0n);
    hold.onCritical(0n, imposed);
    expect(hold.due(1_000n, change(10n))).toBe(false);
    expect(hold.due(1_000n, imposed)).toBe(false);
  });
});
