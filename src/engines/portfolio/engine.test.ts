import { Registry } from 'prom-client';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { PAYLOAD_SCHEMAS } from '../../domain/payloads.ts';
import { topics } from '../../domain/topics.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { Money } from '../../trading/money/money.ts';
import { eventPayload } from '../../trading/orders/order-messages.ts';
import { EngineBus } from '../engine-bus.ts';
import { defineManifest } from '../manifest.ts';
import { PortfolioEngine } from './engine.ts';
import { portfolioConfigSchema, portfolioManifest } from './manifest.ts';

const S = 1_000_000_000n;
const T0 = 1_700_000_040n * S;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown> = {}, manifest = portfolioManifest) {
  const clock = new TestClock(T0);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  cleanups.push(() => bus.stop());
  const logger = createLogger({ level: 'silent' });
  const warn = vi.spyOn(logger, 'warn');
  const engineBus = new EngineBus(bus, manifest);
  const engine = new PortfolioEngine({
    manifest,
    bus: engineBus,
    clock,
    logger,
    metrics: new Registry(),
    config: portfolioConfigSchema.parse(config),
    instanceId: 'test',
  });
  await engine.onStart();
  const seen: Envelope[] = [];
  await bus.subscribe('probe', topics.everything, (envelope) => {
    seen.push(envelope);
  });
  let n = 0;
  const fill = (symbol: string, side: 'buy' | 'sell', qty: string, price: string, fee: Money, atNs = T0) => {
    const init = { id: `O-${++n}`, strategyId: 's', instrumentId: `${symbol}.SIM`, side };
    const event = {
      type: 'filled' as const,
      orderId: init.id,
      tsNs: atNs,
      fillId: `F-${n}`,
      lastPrice: Fixed.parse(price),
      lastQty: Fixed.parse(qty),
      commission: fee,
      liquidity: 'taker' as const,
    };
    const payload = eventPayload(init, symbol, event);
    bus.publish({
      engine: 'execution',
      topic: topics.order.event('filled', symbol),
      payload,
      eventTimeNs: atNs,
    });
    return payload;
  };
  const market = (payload: Record<string, unknown> & { kind: string; symbol: string }, atNs: bigint) => {
    const topic =
      payload.kind === 'bar'
        ? topics.marketData.bar(payload.symbol, '1m')
        : payload.kind === 'quote'
          ? topics.marketData.quote(payload.symbol)
          : topics.marketData.trade(payload.symbol);
    bus.publish({ engine: 'marketdata', topic, payload, eventTimeNs: atNs });
  };
  const trade = (symbol: string, price: number, atNs: bigint) =>
    market({ kind: 'trade', symbol, price, size: 1, tsNs: atNs }, atNs);
  const quote = (symbol: string, bid: number, ask: number, atNs: bigint) =>
    market({ kind: 'quote', symbol, bid, ask, bidSize: 1, askSize: 1, tsNs: atNs }, atNs);
  const bar = (symbol: string, close: number, endNs: bigint) =>
    market(
      {
        kind: 'bar',
        symbol,
        spec: '1m',
        open: close,
        high: close,
        low: close,
        close,
        volume: 1,
        startNs: endNs - 60n * S,
        endNs,
      },
      endNs,
    );
  const payloads = (prefix: string) =>
    seen.filter((e) => e.topic.startsWith(prefix)).map((e) => e.payload as Record<string, unknown>);
  return { bus, engine, engineBus, warn, fill, trade, quote, bar, payloads };
}

describe('portfolio engine', () => {
  it('books ES fills with the multiplier into exact position changes and portfolio updates', async () => {
    const { fill, trade, payloads, engine } = await start({ sectors: { ES: 'index' } });
    fill('ES', 'buy', '2', '4000.00', Money.of('4.50', 'USD'));
    trade('ES', 4010.26, T0 + S); // snapped to the 0.25 tick: 4010.25
    fill('ES', 'sell', '2', '4005.00', Money.of('4.50', 'USD'), T0 + 2n * S);
    const changes = payloads('position.change.ES');
    for (const change of changes)
      expect(PAYLOAD_SCHEMAS.POSITION_CHANGE.safeParse(change).success).toBe(true);
    expect(changes[0]).toEqual({
      account: 'main',
      symbol: 'ES',
      instrumentId: 'ES.SIM',
      positionId: 'P-ES.SIM',
      quantity: '2',
      side: 'LONG',
      avgPrice: '4000.00',
      realizedPnl: '0.00',
      totalRealizedPnl: '0.00',
      currency: 'USD',
      events: ['opened'],
      orderId: 'O-1',
      fillId: 'F-1',
      fillSide: 'buy',
      fillPrice: '4000.00',
      fillQuantity: '2',
      commission: { amount: '4.50', currency: 'USD' },
      tsNs: T0,
    });
    expect(changes[1]).toMatchObject({
      quantity: '0',
      side: 'FLAT',
      avgPrice: '0.00',
      realizedPnl: '500.00',
      totalRealizedPnl: '500.00',
      events: ['closed'],
      fillSide: 'sell',
      tsNs: T0 + 2n * S,
    });
    const updates = payloads('portfolio.update.main');
    for (const update of updates)
      expect(PAYLOAD_SCHEMAS.PORTFOLIO_UPDATE.safeParse(update).success).toBe(true);
    // Fill, then the first mark in a new minute is not due (the fill counted for it), then the close.
    expect(updates.map((u) => [u.reason, u.equity])).toEqual([
      ['fill', 99_995.5],
      ['fill', 100_491],
    ]);
    expect(updates[0]).toMatchObject({
      baseCurrency: 'USD',
      realizedPnl: { USD: '0.00' },
      unrealizedPnl: { USD: '0.00' },
      commissions: { USD: '4.50' },
      openPositions: 1,
      fills: 1,
      exposures: {
        gross: 400_000,
        net: 400_000,
        byInstrument: [
          { symbol: 'ES', instrumentId: 'ES.SIM', currency: 'USD', notional: 400_000, notionalBase: 400_000 },
        ],
        byCurrency: { USD: { notional: 400_000, notionalBase: 400_000 } },
        bySector: { index: 400_000 },
      },
      tsNs: T0,
    });
    expect(updates[1]).toMatchObject({
      realizedPnl: { USD: '500.00' },
      unrealizedPnl: {},
      commissions: { USD: '9.00' },
      openPositions: 0,
      exposures: { gross: 0, net: 0, byInstrument: [], byCurrency: {}, bySector: {} },
    });
    expect(engine.healthDetail()).toBe('equity 100491.00 USD; open positions 0; fills applied 2');
  });

  it('moves unrealised PnL and equity with trade, quote-mid and bar-close marks', async () => {
    const { fill, trade, quote, bar, payloads } = await start({ snapshotEveryMs: 0 });
    fill('ES', 'buy', '1', '4000.00', Money.of('0.00', 'USD'));
    trade('ES', 4001.1, T0 + S); // -> 4001.00
    quote('ES', 4002.0, 4002.5, T0 + 2n * S); // mid 4002.25
    bar('ES', 3999.5, T0 + 60n * S);
    expect(payloads('portfolio.update').map((u) => [u.reason, u.unrealizedPnl, u.equity])).toEqual([
      ['fill', { USD: '0.00' }, 100_000],
      ['interval', { USD: '50.00' }, 100_050],
      ['interval', { USD: '112.50' }, 100_112.5],
      ['bar', { USD: '-25.00' }, 99_975],
    ]);
  });

  it('values a USDJPY position in USD through the USDJPY mark, publishing no equity before a rate', async () => {
    const { fill, quote, trade, payloads, warn, engine } = await start({ startingCapital: 10_000 });
    fill('USDJPY', 'buy', '100000', '100.000', Money.of('0', 'JPY'));
    trade('AAPL', 190, T0 + 61n * S); // a new minute: due, but no JPY rate yet
    expect(payloads('position.change.USDJPY')).toHaveLength(1);
    expect(payloads('portfolio.update')).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(engine.healthDetail()).toBe('equity unknown (no JPY rate); open positions 1; fills applied 1');
    quote('USDJPY', 100.999, 101.001, T0 + 62n * S); // mid 101.000: JPY -> USD = 1/101
    const [update] = payloads('portfolio.update');
    // +1 JPY per USD on 100,000 USD = 100,000 JPY = 990.10 USD at 101.
    expect(update!.equity).toBeCloseTo(10_000 + 100_000 / 101, 9);
    expect(update).toMatchObject({
      unrealizedPnl: { JPY: '100000' },
      exposures: { byCurrency: { JPY: { notional: 10_100_000, notionalBase: 100_000 } } },
    });
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('keeps an equity-curve point per bar, served by equityCurve() and the equity-curve endpoint', async () => {
    const { bus, fill, trade, bar, engine, payloads } = await start();
    const minute = (k: bigint) => T0 + k * 60n * S;
    bar('AAPL', 190, minute(1n));
    bar('ES', 4000, minute(1n));
    fill('AAPL', 'buy', '10', '190.00', Money.of('1.00', 'USD'), minute(1n) + S);
    trade('AAPL', 191, minute(1n) + 2n * S);
    bar('AAPL', 192, minute(2n));
    bar('ES', 4001, minute(2n));
    bar('AAPL', 189.5, minute(3n));
    const expected = [
      { tsNs: minute(1n), equity: 100_000 },
      { tsNs: minute(1n) + S, equity: 99_999 },
      { tsNs: minute(2n), equity: 100_019 },
      { tsNs: minute(3n), equity: 99_994 },
    ];
    expect(engine.equityCurve()).toEqual(expected);
    expect(await bus.request('portfolio', 'equity-curve', {})).toEqual(expected);
    // Two bars closing together publish once unless equity moved between them.
    expect(payloads('portfolio.update').map((u) => u.reason)).toEqual(['bar', 'fill', 'bar', 'bar']);
  });

  it('snapshots once per interval of event time without bars, and applies each fill once', async () => {
    const { bus, fill, trade, bar, engine } = await start({ snapshotOnBars: false, snapshotEveryMs: 60_000 });
    for (let s = 0n; s < 180n; s += 20n) trade('AAPL', 190, T0 + s * S);
    bar('AAPL', 190, T0 + 185n * S);
    expect(engine.equityCurve().map((p) => (p.tsNs - T0) / S)).toEqual([0n, 60n, 120n, 185n]);
    const payload = fill('AAPL', 'buy', '5', '190.00', Money.of('0.50', 'USD'), T0 + 190n * S);
    bus.publish({ engine: 'execution', topic: topics.order.event('filled', 'AAPL'), payload });
    expect(engine.healthDetail()).toBe('equity 99999.50 USD; open positions 1; fills applied 1');
  });

  it('fails to publish a topic outside its manifest', async () => {
    const narrow = defineManifest({
      ...portfolioManifest,
      publishes: [topics.pattern('portfolio.update')],
    });
    const { fill, payloads, engineBus } = await start({}, narrow);
    fill('ES', 'buy', '1', '4000.00', Money.of('0.00', 'USD'));
    expect(engineBus.counters.handlerFailures).toBe(1);
    expect(payloads('position.change')).toEqual([]);
  });
});
