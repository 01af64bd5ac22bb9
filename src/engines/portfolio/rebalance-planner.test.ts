import { describe, expect, it } from 'vitest';
import { inputsFromPrices } from '../../analytics/optimisation/inputs-from-prices.ts';
import { OPTIMISERS } from '../../analytics/optimisation/optimisers.ts';
import { defaultInstrumentRegistry } from '../../trading/instruments/defaults.ts';
import { type PlanContext, RebalancePlanner, type RebalanceSettings } from './rebalance-planner.ts';

const DAY = 86_400_000_000_000n;
const T0 = 19_700n * DAY;
const instruments = defaultInstrumentRegistry();

const settings = (overrides: Partial<RebalanceSettings> = {}): RebalanceSettings => ({
  method: 'min-variance',
  symbols: [],
  sampleEveryNs: DAY,
  lookback: 30,
  minObservations: 10,
  riskFree: 0,
  periodsPerYear: 252,
  ...overrides,
});

const context = (equity: number): PlanContext => ({
  account: 'main',
  equity,
  tsNs: T0,
  instrumentOf: (symbol) => instruments.find(symbol),
  rateToBase: () => 1,
});

/** Deterministic daily closes for AAPL, ES and GC with different volatilities. */
function closes(day: number): Record<string, number> {
  return {
    AAPL: 190 * (1 + 0.02 * Math.sin(day * 1.3)),
    ES: 5000 * (1 + 0.01 * Math.cos(day * 0.7)),
    GC: 2000 * (1 + 0.005 * Math.sin(day * 2.1 + 1)),
  };
}

function feed(planner: RebalancePlanner, days: number, firstDay = 0): void {
  for (let day = firstDay; day < firstDay + days; day++)
    for (const [symbol, price] of Object.entries(closes(day)))
      planner.observe(symbol, price, T0 + BigInt(day) * DAY + 3_600_000_000_000n);
}

describe('RebalancePlanner', () => {
  it('samples one close per period and gives the optimiser exactly those prices', () => {
    const planner = new RebalancePlanner(settings());
    feed(planner, 25);
    // A row is taken when a new period starts: 24 rows for 25 days.
    expect(planner.samples).toBe(24);
    const outcome = planner.plan(context(1_000_000));
    if (!outcome.ok) throw new Error(outcome.reason);
    const assets = ['AAPL', 'ES', 'GC'];
    const rows = Array.from({ length: 24 }, (_, day) => assets.map((symbol) => closes(day)[symbol]!));
    const expected = OPTIMISERS['min-variance'](inputsFromPrices(assets, rows), {
      riskFree: 0,
      periodsPerYear: 252,
    });
    expect(outcome.plan.observations).toBe(23);
    expect(outcome.plan.targets.map((t) => t.symbol)).toEqual(assets);
    for (const target of outcome.plan.targets) expect(target.weight).toBe(expected.weights[target.symbol]);
    expect(outcome.plan.volatility).toBe(expected.volatility);
  });

  it('sizes each target at the last price, multiplier and lot, floored', () => {
    const planner = new RebalancePlanner(settings({ method: 'hrp' }));
    feed(planner, 25);
    const outcome = planner.plan(context(1_000_000));
    if (!outcome.ok) throw new Error(outcome.reason);
    const weights = outcome.plan.targets.reduce((sum, t) => sum + t.weight, 0);
    expect(weights).toBeCloseTo(1, 12);
    const es = outcome.plan.targets.find((t) => t.symbol === 'ES')!;
    const last = closes(24).ES!;
    expect(es.price).toBe(last);
    expect(es.notionalBase).toBe(es.weight * 1_000_000);
    // ES: multiplier 50, whole contracts.
    expect(es.quantity).toBe(String(Math.floor(es.notionalBase / (last * 50))));
  });

  it('says why there is no plan: one symbol, too few samples', () => {
    const lonely = new RebalancePlanner(settings({ symbols: ['AAPL', 'NOPE'] }));
    feed(lonely, 25);
    expect(lonely.plan(context(1e6))).toEqual({
      ok: false,
      reason: 'need prices for at least 2 symbols, have 1',
    });
    const early = new RebalancePlanner(settings());
    feed(early, 6);
    expect(early.plan(context(1e6))).toEqual({ ok: false, reason: 'need 10 sampled returns, have 4' });
  });

  it('keeps only the lookback and lets a late symbol join once the common window is long enough', () => {
    const planner = new RebalancePlanner(settings({ lookback: 12, minObservations: 5 }));
    for (let day = 0; day < 40; day++) {
      const prices = closes(day);
      planner.observe('AAPL', prices.AAPL!, T0 + BigInt(day) * DAY);
      if (day >= 32) planner.observe('GC', prices.GC!, T0 + BigInt(day) * DAY);
    }
    expect(planner.samples).toBe(12);
    const outcome = planner.plan(context(1e6));
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.plan.observations).toBe(6);
  });
});
