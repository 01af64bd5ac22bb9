import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemoryBus } from '../bus/memory/memory-bus.ts';
import type { NautilusError } from '../core/errors.ts';
import type { Envelope } from '../domain/envelope.ts';
import { topics } from '../domain/topics.ts';
import { DeliveryAudit } from './delivery-audit.ts';
import { EngineBus } from './engine-bus.ts';
import { defineManifest, noOptions } from './manifest.ts';

const manifest = defineManifest({
  name: 'vpin',
  title: 'VPIN',
  description: 'test',
  defaultPort: 10000,
  subscribes: [topics.pattern('market_data'), topics.pattern('feature')],
  publishes: [topics.pattern('vpin.calculation')],
  configSchema: noOptions,
  implemented: true,
});

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return (error as NautilusError).code;
  }
  return undefined;
}

describe('EngineBus', () => {
  let bus: MemoryBus;
  beforeEach(async () => {
    bus = new MemoryBus();
    await bus.start();
  });
  afterEach(() => bus.stop());

  it('refuses to publish a topic no declared pattern matches', () => {
    const engineBus = new EngineBus(bus, manifest);
    expect(code(() => engineBus.publish({ topic: topics.risk.alert('limit'), payload: {} }))).toBe(
      'UNDECLARED_TOPIC',
    );
    expect(() => engineBus.publish({ topic: topics.toxicity.alert('AAPL'), payload: {} })).toThrow(
      /engine vpin published "toxicity\.alert\.AAPL", which its manifest does not declare/,
    );
    expect(engineBus.counters.published).toBe(0);
    expect(bus.counters().published).toBe(0);
  });

  it('publishes declared topics stamped with the engine name, including its own health topic', async () => {
    const engineBus = new EngineBus(bus, manifest);
    const envelope = engineBus.publish({
      topic: topics.vpin.calculation('AAPL'),
      payload: { symbol: 'AAPL', vpin: 0.2 },
    });
    expect(envelope.source.engine).toBe('vpin');
    expect(
      code(() => engineBus.publish({ topic: topics.engine.health('vpin'), payload: {} })),
    ).toBeUndefined();
    expect(code(() => engineBus.publish({ topic: topics.engine.health('risk'), payload: {} }))).toBe(
      'UNDECLARED_TOPIC',
    );
    expect(engineBus.counters.published).toBe(2);
  });

  it('allows subscriptions equal to or narrower than a declared pattern, and nothing else', async () => {
    const engineBus = new EngineBus(bus, manifest);
    await engineBus.subscribe(topics.pattern('market_data'), () => undefined);
    await engineBus.subscribe(topics.pattern('market_data.trade'), () => undefined);
    await engineBus.subscribe(topics.feature.update('AAPL'), () => undefined);
    for (const pattern of [topics.everything, topics.pattern('risk'), topics.pattern('vpin')]) {
      await expect(engineBus.subscribe(pattern, () => undefined)).rejects.toMatchObject({
        code: 'UNDECLARED_TOPIC',
      });
    }
    expect(engineBus.subscriptions()).toEqual([
      'market_data.*',
      'market_data.trade.*',
      'feature.update.AAPL',
    ]);
    await engineBus.unsubscribeAll();
    expect(engineBus.subscriptions()).toEqual([]);
  });

  it('delivers under the engine group and counts handled messages and failures', async () => {
    const engineBus = new EngineBus(bus, manifest);
    const seen: Envelope[] = [];
    const subscription = await engineBus.subscribe(topics.pattern('feature'), (envelope) => {
      seen.push(envelope);
      if (seen.length === 1) throw new Error('first delivery fails');
    });
    expect(subscription.group).toBe('vpin');
    bus.publish({ engine: 'features', topic: topics.feature.update('AAPL'), payload: { symbol: 'AAPL' } });
    await bus.idle();
    expect(seen).toHaveLength(2);
    expect(engineBus.counters).toMatchObject({ handled: 1, handlerFailures: 1 });
  });

  it('serves and calls request/response endpoints as the engine', async () => {
    const engineBus = new EngineBus(bus, manifest);
    await engineBus.endpoint('vpin-latest', (body) => ({ echo: body }));
    await expect(engineBus.request('vpin-latest', { symbol: 'AAPL' })).resolves.toEqual({
      echo: { symbol: 'AAPL' },
    });
    expect(engineBus.subscriptions()).toEqual(['rpc.request.vpin-latest']);
  });

  it('subscribes per instance only with a stable instance id, and audits each handled message before its ack', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nautilus-audit-'));
    try {
      const audit = new DeliveryAudit(join(dir, 'a.log'), 'vpin-b', ['market_data.trade.*']);
      const stable = new EngineBus(bus, manifest, { stableInstanceId: 'vpin-b', audit });
      const shared = await stable.subscribe(topics.pattern('market_data'), () => undefined);
      const own = await stable.subscribe(topics.pattern('market_data'), () => undefined, {
        scope: 'instance',
      });
      expect([shared.group, own.group]).toEqual(['vpin', 'vpin@vpin-b']);
      const plain = new EngineBus(bus, manifest);
      expect(
        (await plain.subscribe(topics.pattern('feature'), () => undefined, { scope: 'instance' })).group,
      ).toBe('vpin');
      const trade = bus.publish({
        engine: 'marketdata',
        topic: topics.marketData.trade('AAPL'),
        payload: {},
      });
      bus.publish({ engine: 'marketdata', topic: topics.marketData.quote('AAPL'), payload: {} });
      await bus.idle();
      const lines = readFileSync(join(dir, 'a.log'), 'utf8').trim().split('\n').sort();
      expect(lines).toEqual(
        ['vpin', 'vpin@vpin-b'].map((group) => `vpin-b\t${group}\t${trade.id}\tmarket_data.trade.AAPL`),
      );
      audit.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
