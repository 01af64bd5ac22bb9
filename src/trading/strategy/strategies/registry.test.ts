import { describe, expect, it } from 'vitest';
import { barsFromCloses } from '../testing/bars.ts';
import { StrategyHarness } from '../testing/strategy-harness.ts';
import type { StrategySignal } from '../types.ts';
import { EmaCross } from './ema-cross.ts';
import { createStrategy, STRATEGIES, strategyDefinition, strategyNames } from './registry.ts';

/** A deterministic wavy series (LCG noise on a sine), 300 bars. */
function series(): number[] {
  let seed = 12345;
  const closes: number[] = [];
  for (let i = 0; i < 300; i++) {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    closes.push(Math.round((100 + 8 * Math.sin(i / 9) + (seed / 2147483648 - 0.5) * 3) * 100) / 100);
  }
  return closes;
}

const signalJson = (signals: StrategySignal[]) =>
  JSON.stringify(signals.map((s) => ({ ...s, tsNs: s.tsNs.toString() })));

function runOnce(name: string, params: Record<string, unknown>): { orders: string; signals: string } {
  const h = new StrategyHarness(createStrategy(name, 'DET1', params)).start();
  const bars = barsFromCloses('AAPL', series());
  bars.forEach((bar, i) => {
    if (name === 'vpin-aware' && i % 40 === 0) {
      h.signal({
        topic: 'vpin.calculation.AAPL',
        payload: { symbol: 'AAPL', vpin: i % 80 === 0 ? 0.9 : 0.3 },
      });
    }
    h.replay([bar], { fillAtClose: true });
  });
  h.stop();
  return { orders: JSON.stringify(h.ctx.orderLog()), signals: signalJson(h.ctx.signals) };
}

describe('strategy registry', () => {
  it('lists the shipped strategies', () => {
    expect(strategyNames()).toEqual(['ema-cross', 'mean-reversion', 'vpin-aware']);
    expect(createStrategy('ema-cross', 'E1', { symbol: 'AAPL', quantity: 1 })).toBeInstanceOf(EmaCross);
  });

  it('exposes schemas that apply the defaults', () => {
    expect(strategyDefinition('ema-cross').schema.parse({ symbol: 'AAPL', quantity: 1 })).toEqual({
      symbol: 'AAPL',
      quantity: 1,
      allowShort: false,
      fast: 10,
      slow: 20,
      useQuotes: false,
    });
    expect(STRATEGIES['mean-reversion']!.schema.parse({ symbol: 'AAPL', quantity: 1 })).toMatchObject({
      window: 20,
      entry: 2,
      exit: 0.5,
    });
    expect(STRATEGIES['vpin-aware']!.schema.parse({ symbol: 'AAPL', quantity: 1 })).toMatchObject({
      toxicThreshold: 0.7,
      flattenOnToxic: false,
    });
  });

  it('names the unknown strategy and the bad params', () => {
    expect(() => createStrategy('nope', 'X1', {})).toThrow(
      'unknown strategy "nope" (known: ema-cross, mean-reversion, vpin-aware)',
    );
    expect(() => createStrategy('ema-cross', 'X1', { symbol: 'AAPL', quantity: -1, fsat: 3 })).toThrow(
      'strategy X1: invalid params: quantity: Too small: expected number to be >0; Unrecognized key: "fsat"',
    );
    expect(() => createStrategy('ema-cross', 'bad id!', { symbol: 'AAPL', quantity: 1 })).toThrow(
      'bad strategy id: "bad id!"',
    );
  });

  it.each([
    ['ema-cross', { symbol: 'AAPL', quantity: 3, fast: 5, slow: 15, allowShort: true }],
    ['mean-reversion', { symbol: 'AAPL', quantity: 3, window: 10, entry: 1.5, exit: 0.3, allowShort: true }],
    ['vpin-aware', { symbol: 'AAPL', quantity: 3, fast: 5, slow: 15, flattenOnToxic: true }],
  ])('%s: same inputs give byte-identical orders and signals', (name, params) => {
    const first = runOnce(name, params);
    const second = runOnce(name, params);
    expect(JSON.parse(first.orders).length).toBeGreaterThan(3);
    expect(second.orders).toBe(first.orders);
    expect(second.signals).toBe(first.signals);
  });
});
