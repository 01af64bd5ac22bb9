import { Registry } from 'prom-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { PublishInput } from '../../bus/message-bus.ts';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { EngineBus } from '../engine-bus.ts';
import { MarketDataEngine } from './engine.ts';
import { marketdataConfigSchema, marketdataManifest } from './manifest.ts';

const START_NS = 1_700_000_000n * NS_PER_SECOND;
const SYMBOLS = ['AAPL', 'EURUSD', 'ES', 'BTCUSDT', 'GC'];

type Published = Omit<PublishInput<unknown>, 'engine'>;

let bus: MemoryBus;
beforeEach(async () => {
  bus = new MemoryBus();
  await bus.start();
});
afterEach(() => bus.stop());

/** An engine on a TestClock whose publishes are also recorded, in order. */
function build(config: Record<string, unknown> = {}) {
  const clock = new TestClock(START_NS);
  const engineBus = new EngineBus(bus, marketdataManifest);
  const published: Published[] = [];
  const publish = engineBus.publish.bind(engineBus);
  engineBus.publish = <P>(input: Omit<PublishInput<P>, 'engine'>) => {
    published.push(input);
    return publish(input);
  };
  const engine = new MarketDataEngine({
    manifest: marketdataManifest,
    bus: engineBus,
    clock,
    logger: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    config: marketdataConfigSchema.parse(config),
    instanceId: 'test',
  });
  return { clock, engine, engineBus, published };
}

const family = (topic: string) => topic.split('.').slice(0, -1).join('.');

describe('MarketDataEngine', () => {
  it('defaults its config and names what is wrong in a bad one', () => {
    expect(marketdataConfigSchema.parse({})).toMatchObject({
      feed: 'synthetic',
      seed: 1,
      tickMs: 50,
      rateScale: 1,
      bars: ['10s', '1m'],
      staleAfterMs: 10_000,
      cacheMaxEntries: 100_000,
      sources: {},
    });
    expect(() => marketdataConfigSchema.parse({ apiKey: 'x' })).toThrow(/apiKey/);
    expect(() => marketdataConfigSchema.parse({ bars: ['1w'] })).toThrow(/bar spec .*1w/);
    expect(() => marketdataConfigSchema.parse({ sources: { nope: {} } })).toThrow();
    expect(() => marketdataConfigSchema.parse({ sources: { fred: { apiKey: 'k', extra: 1 } } })).toThrow(
      /extra/,
    );
  });

  it('publishes trades, quotes, books, price and volume updates for every default symbol', async () => {
    const { clock, engine, engineBus, published } = build();
    const received: Envelope[] = [];
    await bus.subscribe('probe', topics.everything, (envelope) => {
      received.push(envelope);
    });
    await engine.onStart();
    expect(published).toHaveLength(0);
    clock.advanceTo(START_NS + NS_PER_SECOND);

    for (const prefix of [
      'market_data.trade',
      'market_data.quote',
      'market_data.book',
      'price.update',
      'volume.update',
    ]) {
      const symbols = new Set(
        published.filter((p) => family(p.topic) === prefix).map((p) => p.topic.split('.').at(-1)),
      );
      expect([...symbols].sort(), prefix).toEqual([...SYMBOLS].sort());
    }
    const count = (prefix: string) => published.filter((p) => family(p.topic) === prefix).length;
    expect(count('price.update')).toBe(count('market_data.trade'));
    expect(count('volume.update')).toBe(count('market_data.trade'));

    // Each payload matches its topic, event time = the event's tsNs, within the advanced second.
    const lastBySymbol = new Map<string, bigint>();
    for (const { topic, payload, eventTimeNs } of published) {
      const p = payload as { symbol: string; tsNs: bigint; kind?: string };
      expect(topic.endsWith(`.${p.symbol}`)).toBe(true);
      expect(eventTimeNs).toBe(p.tsNs);
      expect(p.tsNs >= START_NS && p.tsNs <= START_NS + NS_PER_SECOND).toBe(true);
      if (p.kind) expect(topic).toBe(`market_data.${p.kind}.${p.symbol}`);
      const last = lastBySymbol.get(p.symbol) ?? START_NS;
      expect(p.tsNs >= last, topic).toBe(true);
      lastBySymbol.set(p.symbol, p.tsNs);
    }
    const trade = published.find((p) => family(p.topic) === 'market_data.trade')!;
    const t = trade.payload as { symbol: string; price: number; size: number; tsNs: bigint };
    const i = published.indexOf(trade);
    expect(published[i + 1]).toMatchObject({
      topic: topics.price.update(t.symbol),
      payload: { symbol: t.symbol, price: t.price, tsNs: t.tsNs },
    });
    expect(published[i + 2]).toMatchObject({
      topic: topics.volume.update(t.symbol),
      payload: { symbol: t.symbol, volume: t.size, tsNs: t.tsNs },
    });

    expect(engineBus.counters.published).toBe(published.length);
    await waitFor(() => received.length === published.length, 'delivery of every published message', 5_000);
    expect(received.map((e) => e.topic)).toEqual(published.map((p) => p.topic));
    expect(engine.healthDetail()).toContain(
      `trades ${count('market_data.trade')}, quotes ${count('market_data.quote')}, books ${count('market_data.book')}`,
    );
    expect(engine.healthDetail()).toContain([...SYMBOLS].sort().join(','));
    await engine.onStop();
  });

  it('replays the same sequence for the same seed, and another for another seed', async () => {
    const run = async (seed: number) => {
      const { clock, engine, published } = build({ seed });
      await engine.onStart();
      for (let ms = 50; ms <= 2_000; ms += 50) clock.advanceTo(START_NS + BigInt(ms) * 1_000_000n);
      await engine.onStop();
      return published;
    };
    const first = await run(7);
    expect(first.length).toBeGreaterThan(0);
    expect(await run(7)).toEqual(first);
    expect(await run(8)).not.toEqual(first);
  });

  it('restricts to the configured symbols and refuses unknown ones', async () => {
    const { clock, engine, published } = build({ symbols: ['AAPL', 'GC'] });
    await engine.onStart();
    clock.advanceTo(START_NS + NS_PER_SECOND);
    expect(new Set(published.map((p) => (p.payload as { symbol: string }).symbol))).toEqual(
      new Set(['AAPL', 'GC']),
    );
    await engine.onStop();
    await expect(build({ symbols: ['NOPE'] }).engine.onStart()).rejects.toThrow(/unknown symbol\(s\) NOPE/);
  });

  it('stop cancels its timers', async () => {
    const { clock, engine, published } = build();
    await engine.onStart();
    expect(clock.timerNames()).toHaveLength(2);
    clock.advanceTo(START_NS + NS_PER_SECOND / 2n);
    const before = published.length;
    expect(before).toBeGreaterThan(0);
    await engine.onStop();
    expect(clock.timerNames()).toEqual([]);
    clock.advanceTo(START_NS + 5n * NS_PER_SECOND);
    expect(published).toHaveLength(before);
  });
});
