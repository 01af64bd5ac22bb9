import { describe, expect, it } from 'vitest';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import type { MessageBus } from '../message-bus.ts';
import { runBusConformance } from '../testing/conformance.ts';
import { MemoryBroker } from './memory-broker.ts';
import { MemoryBus } from './memory-bus.ts';

let broker = new MemoryBroker();
let buses: MessageBus[] = [];

runBusConformance({
  name: 'memory',
  readBatch: 0,
  async createBus() {
    const bus = new MemoryBus({ broker });
    await bus.start();
    buses.push(bus);
    return bus;
  },
  async cleanup() {
    await Promise.all(buses.map((b) => b.stop()));
    buses = [];
    broker = new MemoryBroker();
  },
});

describe('MemoryBus synchronous mode (backtests)', () => {
  it('dispatches before publish returns, ordered by (event time, sequence), nested publishes included', async () => {
    const clock = new TestClock(1_000n);
    const bus = new MemoryBus({ clock, mode: 'sync' });
    const seen: string[] = [];
    await bus.subscribe('strategy', 'price.*', (e: Envelope) => {
      seen.push(`${e.topic}@${e.eventTimeNs}`);
      if (e.topic === topics.price.update('A')) {
        bus.publish({
          engine: 'strategy',
          topic: topics.price.update('LATE'),
          payload: {},
          eventTimeNs: 50n,
        });
        bus.publish({
          engine: 'strategy',
          topic: topics.price.update('EARLY'),
          payload: {},
          eventTimeNs: 5n,
        });
      }
    });
    bus.publish({ engine: 'marketdata', topic: topics.price.update('A'), payload: {}, eventTimeNs: 10n });
    expect(seen).toEqual(['price.update.A@10', 'price.update.EARLY@5', 'price.update.LATE@50']);
  });

  it('gives identical delivery sequences on identical input (deterministic)', async () => {
    const run = async () => {
      const bus = new MemoryBus({ clock: new TestClock(), mode: 'sync', instanceId: 'backtest' });
      const out: string[] = [];
      await bus.subscribe('a', 'price.*', (e) => void out.push(`a:${e.id}`));
      await bus.subscribe('b', '*', (e) => void out.push(`b:${e.id}`));
      for (let i = 0; i < 100; i++) {
        bus.publish({
          engine: 'm',
          topic: topics.price.update(`S${i % 7}`),
          payload: {},
          eventTimeNs: BigInt((i * 37) % 50),
        });
      }
      return out;
    };
    expect(await run()).toEqual(await run());
  });

  it('dead-letters after maxDeliveries synchronous failures and keeps dispatching', async () => {
    const bus = new MemoryBus({ clock: new TestClock(), mode: 'sync', maxDeliveries: 3 });
    const ok: number[] = [];
    await bus.subscribe('risk', 'price.*', (e) => {
      const n = (e.payload as { n: number }).n;
      if (n === 1) throw new Error('bad tick');
      ok.push(n);
    });
    for (const n of [0, 1, 2]) bus.publish({ engine: 'm', topic: topics.price.update('A'), payload: { n } });
    expect(ok).toEqual([0, 2]);
    const letters = await bus.deadLetters();
    expect(letters).toHaveLength(1);
    expect(letters[0]!.reason).toBe('handler failed 3 times: bad tick');
  });
});
