import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import { topics } from '../../domain/topics.ts';
import { sampleValue } from '../../testing/prometheus-text.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { submitCommand } from '../../trading/orders/order-messages.ts';
import { EngineBus } from '../engine-bus.ts';
import { RiskEngine } from './engine.ts';
import { riskConfigSchema, riskManifest } from './manifest.ts';

const S = 1_000_000_000n;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(metrics: Registry) {
  const clock = new TestClock(1_000n * S);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  cleanups.push(() => bus.stop());
  const engine = new RiskEngine({
    manifest: riskManifest,
    bus: new EngineBus(bus, riskManifest),
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics,
    config: riskConfigSchema.parse({
      limits: { maxPosition: { '*': '150' } },
      var: { every: 25, window: 250, confidence: 0.95, horizonDays: 1, monteCarloPaths: 0 },
    }),
    instanceId: 'test',
  });
  await engine.onStart();
  let n = 0;
  const submit = (quantity: string, instrumentId = 'AAPL.SIM') =>
    bus.publish({
      engine: 'strategy',
      topic: topics.order.submit('t'),
      payload: submitCommand(
        {
          id: `O-${++n}`,
          strategyId: 't',
          instrumentId,
          side: 'buy',
          type: 'limit',
          quantity: Fixed.parse(quantity),
          price: Fixed.parse('190.00'),
          tsInitNs: clock.nowNs(),
        },
        'AAPL',
      ),
      eventTimeNs: clock.nowNs(),
    });
  return { bus, submit };
}

describe('risk /metrics', () => {
  it('counts decisions and rejections by reason, shows the trading state and the last VaR/ES', async () => {
    const metrics = new Registry();
    const { bus, submit } = await start(metrics);
    const before = await metrics.metrics();
    expect(sampleValue(before, 'nautilus_risk_rejections_total', { reason: 'MAX_POSITION' })).toBe(0);
    expect(sampleValue(before, 'nautilus_risk_trading_state', { state: 'ACTIVE' })).toBe(1);

    bus.publish({
      engine: 'marketdata',
      topic: topics.marketData.trade('AAPL'),
      payload: { kind: 'trade', symbol: 'AAPL', price: 190, size: 5, tsNs: 1n },
    });
    submit('100'); // approved
    submit('200'); // beyond maxPosition 150
    submit('1', 'NOPE.SIM'); // unknown instrument
    await bus.request('risk', 'trading-state', { state: 'HALTED', reason: 'test' });
    submit('1'); // halted
    // 25 equity updates: 24 returns, VaR/ES on the 25th (every: 25, at least 20 returns).
    for (let i = 0; i < 25; i++)
      bus.publish({
        engine: 'portfolio',
        topic: topics.portfolio.update('main'),
        payload: { account: 'main', equity: 100_000 * (i % 2 === 0 ? 1 : 0.98) },
      });

    const text = await metrics.metrics();
    expect(sampleValue(text, 'nautilus_risk_orders_total', { decision: 'approved' })).toBe(1);
    expect(sampleValue(text, 'nautilus_risk_orders_total', { decision: 'rejected' })).toBe(3);
    expect(sampleValue(text, 'nautilus_risk_rejections_total', { reason: 'MAX_POSITION' })).toBe(1);
    expect(sampleValue(text, 'nautilus_risk_rejections_total', { reason: 'UNKNOWN_INSTRUMENT' })).toBe(1);
    expect(sampleValue(text, 'nautilus_risk_rejections_total', { reason: 'HALTED' })).toBe(1);
    expect(sampleValue(text, 'nautilus_risk_rejections_total', { reason: 'PRICE_BAND' })).toBe(0);
    expect(sampleValue(text, 'nautilus_risk_trading_state', { state: 'ACTIVE' })).toBe(0);
    expect(sampleValue(text, 'nautilus_risk_trading_state', { state: 'HALTED' })).toBe(1);
    // Returns alternate -2% and +2.04%: the 95% historical VaR is the 2% loss.
    expect(sampleValue(text, 'nautilus_risk_portfolio_measure', { name: 'var_historical' })).toBeCloseTo(
      0.02,
      10,
    );
    expect(sampleValue(text, 'nautilus_risk_portfolio_measure', { name: 'es_parametric' })).toBeGreaterThan(
      0,
    );
  });
});
