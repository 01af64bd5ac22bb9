import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { PortfolioEngine } from './engine.ts';
import { portfolioConfigSchema, portfolioManifest } from './manifest.ts';
import type { RebalancePlan } from './rebalance-planner.ts';

const MIN = 60_000_000_000n;
const T0 = 28_333_000n * MIN;

async function start(rebalance: Record<string, unknown>) {
  const { bus, get } = await startEngine({
    manifest: portfolioManifest,
    create: (ctx) => new PortfolioEngine(ctx),
    config: portfolioConfigSchema.parse({ startingCapital: 1_000_000, rebalance }),
    startNs: T0,
  });
  const plans: Envelope[] = [];
  await bus.subscribe('probe', topics.pattern('portfolio.rebalance'), (envelope) => {
    plans.push(envelope);
  });
  const bars = (minutes: number) => {
    for (let m = 1; m <= minutes; m++) {
      const endNs = T0 + BigInt(m) * MIN;
      for (const [symbol, close] of [
        ['AAPL', 190 + 3 * Math.sin(m * 1.1)],
        ['ES', 5000 + 40 * Math.cos(m * 0.6)],
      ] as const) {
        const payload = {
          kind: 'bar',
          symbol,
          spec: '1m',
          open: close,
          high: close,
          low: close,
          close,
          volume: 1,
          startNs: endNs - MIN,
          endNs,
        };
        bus.publish({
          engine: 'marketdata',
          topic: topics.marketData.bar(symbol, '1m'),
          payload,
          eventTimeNs: endNs,
        });
      }
    }
  };
  return { plans, bars, get };
}

describe('portfolio engine rebalancing', () => {
  it('publishes optimiser targets on portfolio.rebalance.<account> once per period of event time', async () => {
    const { plans, bars } = await start({
      method: 'risk-parity',
      sampleEveryMs: 60_000,
      everyMs: 600_000,
      lookback: 30,
      minObservations: 10,
    });
    bars(45);
    // The 10th sampled return arrives at minute 12, then one plan per 10-minute period: 12, 20, 30, 40.
    expect(plans.map((p) => p.topic)).toEqual(Array(4).fill('portfolio.rebalance.main'));
    for (const envelope of plans)
      expect(PAYLOAD_SCHEMAS.PORTFOLIO_REBALANCE.safeParse(envelope.payload).success).toBe(true);
    const plan = plans.at(-1)!.payload as RebalancePlan;
    expect(plan).toMatchObject({ account: 'main', method: 'risk-parity', equity: 1_000_000 });
    expect(plan.targets.map((t) => t.symbol)).toEqual(['AAPL', 'ES']);
    expect(plan.targets[0]!.weight + plan.targets[1]!.weight).toBeCloseTo(1, 12);
  });

  it('answers GET /rebalance with any method, and says why it cannot', async () => {
    const { bars, get, plans } = await start({ sampleEveryMs: 60_000, minObservations: 5 });
    const early = await get('/rebalance');
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'INSUFFICIENT_DATA' });
    expect(early.body.error.message).toContain('need prices for at least 2 symbols');
    bars(12);
    expect(plans).toEqual([]); // method none: nothing published
    const hrp = await get('/rebalance?method=hrp');
    expect(hrp.status).toBe(200);
    expect(hrp.body).toMatchObject({ method: 'hrp', observations: 10 });
    const bad = await get('/rebalance?method=equal');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain(
      'method must be one of hrp, min-variance, max-sharpe, risk-parity',
    );
  });
});
