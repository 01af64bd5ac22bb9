import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryBroker } from '../../bus/memory/memory-broker.ts';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { createLogger } from '../../core/logger.ts';
import { TestClock } from '../../core/test-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { EngineBus } from '../engine-bus.ts';
import { RiskEngine } from './engine.ts';
import { riskConfigSchema, riskManifest } from './manifest.ts';
import { riskTestOrders } from './risk-test-orders.ts';

const S = 1_000_000_000n;
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Two risk instances (stable ids a and b), each in its own "process" on one shared broker. */
async function twoInstances() {
  const clock = new TestClock(1_000n * S);
  const broker = new MemoryBroker({
    mode: 'sync',
    maxDeliveries: 5,
    deadLetterLimit: 100,
    now: () => clock.nowNs(),
  });
  const buses: MemoryBus[] = [];
  const engines: RiskEngine[] = [];
  for (const id of ['risk-a', 'risk-b']) {
    const bus = new MemoryBus({ mode: 'sync', clock, broker, instanceId: id });
    await bus.start();
    const engine = new RiskEngine({
      manifest: riskManifest,
      bus: new EngineBus(bus, riskManifest, { stableInstanceId: id }),
      clock,
      logger: createLogger({ level: 'silent' }),
      metrics: new Registry(),
      config: riskConfigSchema.parse({ limits: { maxPosition: { '*': '100' } } }),
      instanceId: id,
    });
    await engine.onStart();
    buses.push(bus);
    engines.push(engine);
    cleanups.push(() => bus.stop());
  }
  const client = new MemoryBus({ mode: 'sync', clock, broker, instanceId: 'client' });
  await client.start();
  cleanups.push(() => client.stop());
  const seen: Envelope[] = [];
  await client.subscribe('probe', topics.everything, (envelope) => {
    seen.push(envelope);
  });
  const orders = riskTestOrders(client, clock);
  const submit = (quantity: string) => orders.submit('buy', quantity);
  const { fill } = orders;
  const decisions = () => ({
    approved: seen.filter((e) => e.topic.startsWith('order.approved.')),
    rejected: seen.filter((e) => e.topic.startsWith('order.event.rejected.')),
  });
  return { client, engines, submit, fill, decisions };
}

describe('two risk instances sharing the order commands', () => {
  it('split the commands between them and approve each exactly once', async () => {
    const { submit, decisions, engines } = await twoInstances();
    for (let i = 0; i < 10; i++) submit('1');
    expect(decisions().approved).toHaveLength(10);
    const byInstance = new Map<string, number>();
    for (const e of decisions().approved)
      byInstance.set(e.source.instance, (byInstance.get(e.source.instance) ?? 0) + 1);
    expect([...byInstance.keys()].sort()).toEqual(['risk-a', 'risk-b']);
    expect(engines).toHaveLength(2);
  });

  it('both see every fill, so the position limit holds whichever instance checks the order', async () => {
    const { submit, fill, decisions } = await twoInstances();
    fill(submit('60'));
    fill(submit('30'));
    for (let i = 0; i < 6; i++) submit('20');
    // 90 held: every 20-lot breaches the 100 limit, on either instance.
    expect(decisions().approved).toHaveLength(2);
    expect(decisions().rejected).toHaveLength(6);
    for (const rejected of decisions().rejected)
      expect((rejected.payload as { code?: string }).code).toBe('MAX_POSITION');
  });

  it('follow a halt requested of one of them: no instance approves afterwards', async () => {
    const { client, submit, decisions } = await twoInstances();
    const reply = await client.request('api', 'trading-state', { state: 'HALTED', reason: 'test halt' });
    expect(reply).toMatchObject({ state: 'HALTED', changed: true });
    for (let i = 0; i < 6; i++) submit('1');
    expect(decisions().approved).toHaveLength(0);
    const codes = decisions().rejected.map((e) => (e.payload as { code?: string }).code);
    expect(codes).toEqual(Array(6).fill('HALTED'));
  });
});
