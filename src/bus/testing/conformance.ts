import { afterEach, describe, expect, it } from 'vitest';
import { NautilusError } from '../../core/errors.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import type { MessageBus } from '../message-bus.ts';
import { sleep, waitFor } from './wait-for.ts';

export interface TransportUnderTest {
  name: string;
  /**
   * A started bus attached to the same backend as the others made for the current test (one per
   * simulated process). Options: redelivery timing for failure tests.
   */
  createBus(): Promise<MessageBus>;
  /** Called after each test: stop buses, delete keys. */
  cleanup(): Promise<void>;
  /** Largest batch a reader takes at once (priority assertions allow one batch ahead). */
  readBatch: number;
}

const price = (symbol: string, value: number) => ({ symbol, price: value, tsNs: 1_700_000_000_000_000_000n });

/** The bus contract, run against every transport. */
export function runBusConformance(transport: TransportUnderTest): void {
  describe(`MessageBus conformance: ${transport.name}`, () => {
    afterEach(() => transport.cleanup());

    it('delivers an envelope with type from the topic, integer-ns times and default priority', async () => {
      const bus = await transport.createBus();
      const got: Envelope[] = [];
      await bus.subscribe('analytics', 'price.*', (e) => void got.push(e));
      const sent = bus.publish({
        engine: 'marketdata',
        topic: topics.price.update('AAPL'),
        payload: price('AAPL', 189.5),
      });
      await waitFor(() => got.length === 1, 'one delivery');
      const e = got[0]!;
      expect(e.id).toBe(sent.id);
      expect(e.type).toBe('PRICE_UPDATE');
      expect(e.topic).toBe('price.update.AAPL');
      expect(e.priority).toBe('NORMAL');
      expect(e.source).toEqual({ engine: 'marketdata', instance: bus.instanceId });
      expect(typeof e.publishTimeNs).toBe('bigint');
      expect(e.publishTimeNs).toBe(sent.publishTimeNs);
      expect((e.payload as { tsNs: bigint }).tsNs).toBe(1_700_000_000_000_000_000n);
    });

    it('matches patterns ending in * and exact topics, and nothing else', async () => {
      const bus = await transport.createBus();
      const wild: string[] = [];
      const exact: string[] = [];
      await bus.subscribe('vpin', 'market_data.*', (e) => void wild.push(e.topic));
      await bus.subscribe('features', topics.marketData.quote('MSFT'), (e) => void exact.push(e.topic));
      const quote = { kind: 'quote', symbol: 'MSFT', bid: 1, ask: 2, bidSize: 1, askSize: 1, tsNs: 1n };
      bus.publish({ engine: 'marketdata', topic: topics.marketData.quote('MSFT'), payload: quote });
      bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.quote('AAPL'),
        payload: { ...quote, symbol: 'AAPL' },
      });
      bus.publish({ engine: 'marketdata', topic: topics.price.update('MSFT'), payload: price('MSFT', 1) });
      await waitFor(() => wild.length === 2 && exact.length === 1, 'pattern deliveries');
      await sleep(100);
      expect(wild.sort()).toEqual(['market_data.quote.AAPL', 'market_data.quote.MSFT']);
      expect(exact).toEqual(['market_data.quote.MSFT']);
    });

    it('rejects patterns with * anywhere but the end, and unknown families', async () => {
      const bus = await transport.createBus();
      await expect(bus.subscribe('risk', 'market_data.*.AAPL', () => {})).rejects.toThrow(
        /invalid topic pattern/,
      );
      await expect(bus.subscribe('risk', 'nosuchfamily.*', () => {})).rejects.toThrow(/unknown family/);
    });

    it('fans out to every group and load-balances inside a group', async () => {
      const [a, b] = [await transport.createBus(), await transport.createBus()];
      const risk: string[] = [];
      const portfolioA: string[] = [];
      const portfolioB: string[] = [];
      await a.subscribe('risk', 'price.*', (e) => void risk.push(e.id));
      await a.subscribe('portfolio', 'price.*', (e) => void portfolioA.push(e.id));
      await b.subscribe('portfolio', 'price.*', (e) => void portfolioB.push(e.id));
      const ids: string[] = [];
      for (let burst = 0; burst < 20; burst++) {
        for (let i = 0; i < 10; i++)
          ids.push(
            a.publish({ engine: 'marketdata', topic: topics.price.update('X'), payload: price('X', i) }).id,
          );
        await sleep(15);
      }
      await waitFor(
        () => risk.length === 200 && portfolioA.length + portfolioB.length === 200,
        'fan-out and balanced delivery',
      );
      expect(new Set(risk)).toEqual(new Set(ids));
      expect(new Set([...portfolioA, ...portfolioB])).toEqual(new Set(ids));
      expect(portfolioA.length).toBeGreaterThan(0);
      expect(portfolioB.length).toBeGreaterThan(0);
    });

    it('keeps order within a topic for a single consumer', async () => {
      const bus = await transport.createBus();
      const seen: number[] = [];
      await bus.subscribe(
        'strategy',
        'price.*',
        (e) => void seen.push((e.payload as { price: number }).price),
      );
      for (let i = 0; i < 3_000; i++)
        bus.publish({ engine: 'marketdata', topic: topics.price.update('ES'), payload: price('ES', i) });
      await waitFor(() => seen.length === 3_000, '3000 deliveries');
      expect(seen).toEqual(Array.from({ length: 3_000 }, (_, i) => i));
    });

    it('keeps order within each topic when priorities interleave under a backlog', async () => {
      const bus = await transport.createBus();
      const seen: Record<string, number[]> = { URGENT: [], NORMAL: [] };
      await bus.subscribe(
        'risk',
        'price.*',
        (e) => void seen[e.priority]!.push((e.payload as { price: number }).price),
      );
      for (let i = 0; i < 4_000; i++) {
        const urgent = i % 2 === 0;
        bus.publish({
          engine: 'marketdata',
          topic: topics.price.update(urgent ? 'U' : 'N'),
          payload: price(urgent ? 'U' : 'N', i),
          priority: urgent ? 'URGENT' : 'NORMAL',
        });
        if (i % 500 === 499) await sleep(1);
      }
      await waitFor(() => seen.URGENT!.length + seen.NORMAL!.length === 4_000, '4000 deliveries');
      expect(seen.URGENT).toEqual(Array.from({ length: 2_000 }, (_, i) => 2 * i));
      expect(seen.NORMAL).toEqual(Array.from({ length: 2_000 }, (_, i) => 2 * i + 1));
    });

    it('redelivers after a handler failure and acks once it succeeds', async () => {
      const bus = await transport.createBus();
      let attempts = 0;
      await bus.subscribe('risk', 'risk.*', () => {
        attempts++;
        if (attempts < 3) throw new Error(`transient failure ${attempts}`);
      });
      bus.publish({
        engine: 'risk',
        topic: topics.risk.metric('var'),
        payload: { name: 'var', value: 1, tsNs: 1n },
      });
      await waitFor(() => bus.counters().acked === 1, 'ack after retries');
      expect(attempts).toBe(3);
      expect(bus.counters().handlerFailures).toBe(2);
      expect(await bus.deadLetters()).toEqual([]);
    });

    it('dead-letters a message after maxDeliveries failed deliveries, with the reason', async () => {
      const bus = await transport.createBus();
      let attempts = 0;
      await bus.subscribe('risk', 'risk.*', () => {
        attempts++;
        throw new Error('always broken');
      });
      const sent = bus.publish({
        engine: 'risk',
        topic: topics.risk.alert('limit'),
        payload: { kind: 'limit', message: 'x', tsNs: 1n },
      });
      await waitFor(async () => (await bus.deadLetters()).length === 1, 'a dead letter', 20_000);
      const [letter] = await bus.deadLetters();
      expect(letter!.group).toBe('risk');
      expect(letter!.reason).toMatch(/5 times/);
      expect(letter!.raw).toContain(sent.id);
      expect(attempts).toBe(5);
      expect(bus.counters().deadLettered).toBe(1);
    });

    it('serves a FLASH_CRASH message before a NORMAL backlog', async () => {
      const bus = await transport.createBus();
      const order: string[] = [];
      let release!: () => void;
      const gate = new Promise<void>((resolve) => (release = resolve));
      await bus.subscribe('risk', '*', async (e) => {
        order.push(e.priority);
        if (order.length === 1) await gate;
      });
      bus.publish({ engine: 'marketdata', topic: topics.price.update('X'), payload: price('X', 0) });
      await waitFor(() => order.length === 1, 'the first message to block the consumer');
      for (let i = 0; i < 5_000; i++)
        bus.publish({ engine: 'marketdata', topic: topics.price.update('X'), payload: price('X', i) });
      bus.publish({
        engine: 'vpin',
        topic: topics.toxicity.alert('X'),
        payload: { symbol: 'X', level: 'critical', vpin: 0.99, tsNs: 1n },
        priority: 'FLASH_CRASH',
      });
      await bus.flush();
      release();
      await waitFor(() => order.length === 5_002, 'all deliveries');
      expect(order.indexOf('FLASH_CRASH')).toBeLessThanOrEqual(transport.readBatch + 1);
    });

    it('answers requests on endpoints, reports endpoint errors and times out with no endpoint', async () => {
      const [server, client] = [await transport.createBus(), await transport.createBus()];
      await server.endpoint('marketdata', 'quote', (body) => {
        const { symbol } = body as { symbol: string };
        if (symbol === 'BAD') throw new Error('unknown symbol BAD');
        if (symbol === 'GONE') throw new NautilusError('NOT_FOUND', 'no such symbol GONE');
        return { symbol, bid: 1.5 };
      });
      await expect(client.request('strategy', 'quote', { symbol: 'EURUSD' })).resolves.toEqual({
        symbol: 'EURUSD',
        bid: 1.5,
      });
      await expect(client.request('strategy', 'quote', { symbol: 'BAD' })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
        message: 'unknown symbol BAD',
      });
      await expect(client.request('strategy', 'quote', { symbol: 'GONE' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
        message: 'no such symbol GONE',
      });
      await expect(client.request('strategy', 'nobody-home', {}, { timeoutMs: 300 })).rejects.toMatchObject({
        code: 'REQUEST_TIMEOUT',
      });
    });

    it('stops delivering after unsubscribe', async () => {
      const bus = await transport.createBus();
      const got: string[] = [];
      const keep: string[] = [];
      const subscription = await bus.subscribe('ml', 'price.*', (e) => void got.push(e.id));
      await bus.subscribe('factor', 'price.*', (e) => void keep.push(e.id));
      bus.publish({ engine: 'marketdata', topic: topics.price.update('A'), payload: price('A', 1) });
      await waitFor(() => got.length === 1 && keep.length === 1, 'first delivery');
      await subscription.unsubscribe();
      bus.publish({ engine: 'marketdata', topic: topics.price.update('A'), payload: price('A', 2) });
      await waitFor(() => keep.length === 2, 'delivery to the remaining group');
      await sleep(100);
      expect(got).toHaveLength(1);
    });

    it('reports counters and status', async () => {
      const bus = await transport.createBus();
      await bus.subscribe('analytics', 'price.*', () => {});
      for (let i = 0; i < 10; i++)
        bus.publish({ engine: 'marketdata', topic: topics.price.update('Z'), payload: price('Z', i) });
      await waitFor(() => bus.counters().acked === 10, '10 acks');
      const counters = bus.counters();
      expect(counters.published).toBe(10);
      expect(counters.delivered).toBe(10);
      const status = await bus.status();
      expect(status.transport).toBe(bus.transport);
      expect(status.subscriptions).toContainEqual({ group: 'analytics', pattern: 'price.*' });
      expect(status.publishedByType).toEqual({ PRICE_UPDATE: 10 });
    });
  });
}
