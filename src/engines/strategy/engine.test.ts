import { Writable } from 'node:stream';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { Fixed } from '../../trading/money/fixed.ts';
import { Money } from '../../trading/money/money.ts';
import type { OrderEvent } from '../../trading/orders/order-events.ts';
import {
  eventPayload,
  type OrderCommandPayload,
  orderOfCommand,
} from '../../trading/orders/order-messages.ts';
import { barsFromCloses, MINUTE_NS } from '../../trading/strategy/testing/bars.ts';
import { EngineBus } from '../engine-bus.ts';
import { defineManifest, type EngineManifest } from '../manifest.ts';
import { StrategyEngine } from './engine.ts';
import { strategyConfigSchema, strategyManifest } from './manifest.ts';

// EMA(2) / EMA(4) on these closes: warm at bar 4 with fast < slow; crosses up at bar 7
// (10.2716 > 9.7856), down at bar 11 (10.7194 < 11.0570), up again at bar 15 (9.2928 > 9.0522).
const CLOSES = [10, 10, 10, 9, 8, 9, 11, 12, 13, 12, 10, 8, 7, 8, 10, 12];
const EMA = { name: 'ema-cross', params: { symbol: 'AAPL', quantity: 1, fast: 2, slow: 4 } };
const at = (bar: number) => BigInt(bar) * MINUTE_NS;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function start(config: Record<string, unknown>, manifest: EngineManifest = strategyManifest) {
  const clock = new TestClock(0n);
  const bus = new MemoryBus({ mode: 'sync', clock });
  await bus.start();
  cleanups.push(() => bus.stop());
  const logs: Array<{ level: number; msg: string; err?: { message: string } }> = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      logs.push(JSON.parse(String(chunk)));
      done();
    },
  });
  const engine = new StrategyEngine({
    manifest,
    bus: new EngineBus(bus, manifest),
    clock,
    logger: createLogger({ level: 'warn', destination }),
    metrics: new Registry(),
    config: strategyConfigSchema.parse({ barSpec: '1m', ...config }),
    instanceId: 'test',
  });
  await engine.onStart();
  const seen: Envelope[] = [];
  await bus.subscribe('probe', topics.everything, (envelope) => {
    seen.push(envelope);
  });
  const bars = barsFromCloses('AAPL', CLOSES, { spec: '1m' });
  /** Publishes bars `from`..`to` (1-based, inclusive) as the hub would. */
  const feed = (from: number, to: number, symbol = 'AAPL', spec = '1m') => {
    for (const bar of bars.slice(from - 1, to))
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.bar(symbol, spec),
        payload: { ...bar, symbol, spec },
        eventTimeNs: bar.endNs,
      });
  };
  const commands = () =>
    seen.filter((e) => e.topic.startsWith('order.command.')).map((e) => e.payload as OrderCommandPayload);
  const summary = () =>
    commands().map((c) => {
      const init = c.action === 'submit' ? orderOfCommand(c) : undefined;
      return [c.action, c.orderId, init?.side, init?.quantity.toString(), init?.tsInitNs];
    });
  const command = (orderId: string) => commands().find((c) => c.orderId === orderId)!;
  /** Publishes an order event for one of the commands, as execution or risk would. */
  const report = (orderId: string, event: OrderEvent, code?: string) =>
    bus.publish({
      engine: 'execution',
      topic: topics.order.event(event.type, 'AAPL'),
      payload: eventPayload(orderOfCommand(command(orderId)), 'AAPL', event, code),
      eventTimeNs: event.tsNs,
    });
  const fill = (orderId: string, tsNs: bigint, price = '11.00') => {
    const init = orderOfCommand(command(orderId));
    report(orderId, { type: 'submitted', orderId, tsNs });
    report(orderId, { type: 'accepted', orderId, tsNs });
    report(orderId, {
      type: 'filled',
      orderId,
      tsNs,
      fillId: `${orderId}-1`,
      lastPrice: Fixed.parse(price),
      lastQty: init.quantity,
      commission: Money.of('0.01', 'USD'),
      liquidity: 'taker',
    });
  };
  return { bus, engine, seen, feed, commands, summary, report, fill, logs };
}

describe('strategy engine', () => {
  it('turns EMA crosses of the configured bars into exactly these order commands and signals', async () => {
    const { feed, summary, seen, commands, engine } = await start({ strategies: [EMA] });
    feed(1, 16);
    feed(1, 16, 'EURUSD');
    feed(1, 16, 'AAPL', '5m');
    expect(summary()).toEqual([
      ['submit', 'O-ema-cross-1', 'buy', '1', at(7)],
      ['submit', 'O-ema-cross-2', 'sell', '1', at(11)],
      ['submit', 'O-ema-cross-3', 'buy', '1', at(15)],
    ]);
    const [first] = seen.filter((e) => e.topic.startsWith('order.command.'));
    expect(first!.topic).toBe('order.command.submit.ema-cross');
    expect(first!.eventTimeNs).toBe(at(7));
    expect(commands()[0]).toMatchObject({
      action: 'submit',
      strategyId: 'ema-cross',
      instrumentId: 'AAPL.SIM',
      symbol: 'AAPL',
      order: { type: 'market', timeInForce: 'IOC', quantity: '1' },
    });
    const signals = seen.filter((e) => e.topic.startsWith('strategy.signal.'));
    expect(
      signals.map((e) => [e.topic, (e.payload as { direction: string }).direction, e.eventTimeNs]),
    ).toEqual([
      ['strategy.signal.ema-cross.AAPL', 'long', at(7)],
      ['strategy.signal.ema-cross.AAPL', 'flat', at(11)],
      ['strategy.signal.ema-cross.AAPL', 'long', at(15)],
    ]);
    expect(signals[0]!.payload).toMatchObject({ strategy: 'ema-cross', symbol: 'AAPL', tsNs: at(7) });
    expect(engine.healthDetail()).toBe('ema-cross AAPL 0: orders sent 3, filled 0, rejected 0');
  });

  it('tracks the position from its fills: the next signal flattens instead of re-buying', async () => {
    const { bus, feed, summary, fill, engine } = await start({ strategies: [EMA] });
    feed(1, 7);
    fill('O-ema-cross-1', at(7));
    // An event of another strategy's order changes nothing here.
    bus.publish({
      engine: 'execution',
      topic: topics.order.event('filled', 'AAPL'),
      payload: eventPayload(
        { id: 'O-other-1', strategyId: 'other', instrumentId: 'AAPL.SIM', side: 'buy' },
        'AAPL',
        { type: 'canceled', orderId: 'O-other-1', tsNs: at(7) },
      ),
      eventTimeNs: at(7),
    });
    expect(engine.healthFields()).toEqual({
      strategies: [
        {
          id: 'ema-cross',
          name: 'ema-cross',
          symbol: 'AAPL',
          position: '1',
          openOrders: 0,
          sent: 1,
          filled: 1,
          rejected: 0,
          errors: 0,
        },
      ],
    });
    feed(8, 11);
    fill('O-ema-cross-2', at(11));
    feed(12, 16);
    expect(summary()).toEqual([
      ['submit', 'O-ema-cross-1', 'buy', '1', at(7)],
      ['submit', 'O-ema-cross-2', 'sell', '1', at(11)],
      ['submit', 'O-ema-cross-3', 'buy', '1', at(15)],
    ]);
    expect(engine.healthDetail()).toBe('ema-cross AAPL 0: orders sent 3, filled 2, rejected 0');
  });

  it('a risk denial frees the exposure; the entry is not re-sent on every following bar', async () => {
    const { feed, summary, report, engine } = await start({ strategies: [EMA] });
    feed(1, 7);
    report(
      'O-ema-cross-1',
      { type: 'rejected', orderId: 'O-ema-cross-1', reason: 'position limit', tsNs: at(7) },
      'MAX_POSITION',
    );
    // Still long on bars 8-10: no re-send (the retry after 10 decisions is in ema-cross.test.ts).
    feed(8, 10);
    expect(summary()).toEqual([['submit', 'O-ema-cross-1', 'buy', '1', at(7)]]);
    expect(engine.healthDetail()).toBe('ema-cross AAPL 0: orders sent 1, filled 0, rejected 1');
  });

  it('a VPIN above the threshold keeps the vpin-aware strategy from entering', async () => {
    const vpinAware = (id: string, symbol: string) => ({
      name: 'vpin-aware',
      id,
      params: { symbol, quantity: 1, fast: 2, slow: 4, toxicThreshold: 0.5 },
    });
    const { bus, feed, summary } = await start({
      strategies: [vpinAware('by-symbol', 'AAPL'), vpinAware('by-id', 'AAPL.SIM')],
    });
    bus.publish({
      engine: 'vpin',
      topic: topics.vpin.calculation('AAPL'),
      payload: { symbol: 'AAPL', vpin: 0.8, tsNs: at(6) },
      eventTimeNs: at(6),
    });
    feed(1, 10);
    // Both trade AAPL (by symbol and by id): the toxic VPIN held both out of the cross at bar 7.
    expect(summary()).toEqual([]);
    bus.publish({
      engine: 'vpin',
      topic: topics.vpin.calculation('AAPL'),
      payload: { symbol: 'AAPL', vpin: 0.2, tsNs: at(10) },
      eventTimeNs: at(10),
    });
    expect(summary()).toEqual([
      ['submit', 'O-by-symbol-1', 'buy', '1', at(10)],
      ['submit', 'O-by-id-1', 'buy', '1', at(10)],
    ]);
  });

  it('a VPIN of another symbol does not gate it', async () => {
    const { bus, feed, summary } = await start({
      strategies: [{ name: 'vpin-aware', params: { symbol: 'AAPL', quantity: 1, fast: 2, slow: 4 } }],
    });
    bus.publish({
      engine: 'vpin',
      topic: topics.vpin.calculation('ES'),
      payload: { symbol: 'ES', vpin: 0.99, tsNs: at(6) },
      eventTimeNs: at(6),
    });
    feed(1, 7);
    expect(summary()).toEqual([['submit', 'O-vpin-aware-1', 'buy', '1', at(7)]]);
  });

  it('fails the start clearly on invalid params, unknown symbols and repeated ids', async () => {
    await expect(
      start({
        strategies: [{ name: 'ema-cross', params: { symbol: 'AAPL', quantity: 1, fast: 4, slow: 2 } }],
      }),
    ).rejects.toThrow('strategy ema-cross: invalid params: fast: fast must be less than slow');
    await expect(
      start({ strategies: [{ name: 'mean-reversion', id: 'mr', params: { symbol: 'AAPL', quantity: -1 } }] }),
    ).rejects.toThrow(/strategy mr: invalid params: quantity: /);
    await expect(
      start({ strategies: [{ name: 'ema-cross', params: { symbol: 'NOPE', quantity: 1 } }] }),
    ).rejects.toThrow(/NOPE/);
    await expect(start({ strategies: [EMA, EMA] })).rejects.toThrow(
      'strategy id "ema-cross" is configured twice: give each an id',
    );
    expect(() => strategyConfigSchema.parse({ strategies: [{ name: 'martingale', params: {} }] })).toThrow(
      /name/,
    );
  });

  it('defaults to a small ema-cross on AAPL 10s bars, which starts', async () => {
    const config = strategyConfigSchema.parse({});
    expect(config).toEqual({
      barSpec: '10s',
      strategies: [{ name: 'ema-cross', params: { symbol: 'AAPL', quantity: 10, fast: 2, slow: 5 } }],
    });
    const { engine } = await start({});
    expect(engine.healthDetail()).toBe('ema-cross AAPL 0: orders sent 0, filled 0, rejected 0');
  });

  it('may not publish or subscribe outside its manifest', async () => {
    const mute = defineManifest({ ...strategyManifest, publishes: [topics.pattern('strategy.signal')] });
    const { feed, commands, engine, logs } = await start({ strategies: [EMA] }, mute);
    feed(1, 7);
    expect(commands()).toEqual([]);
    expect(engine.healthDetail()).toBe('ema-cross AAPL 0: orders sent 0, filled 0, rejected 0, errors 1');
    expect(
      logs.map((l) => [l.msg, l.err?.message.startsWith('engine strategy published "order.command')]),
    ).toEqual([['strategy ema-cross: onBar failed', true]]);
    const deaf = defineManifest({ ...strategyManifest, subscribes: [topics.pattern('market_data')] });
    await expect(start({ strategies: [EMA] }, deaf)).rejects.toThrow(/subscribed to "vpin\.\*"/);
  });
});
