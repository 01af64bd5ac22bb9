import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { parseConfig } from '../../core/config/load-config.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { Engine } from '../engine.ts';
import { defineManifest } from '../manifest.ts';
import { EngineHost, type EngineHostOptions } from './engine-host.ts';
import { defineEngine, type EngineKernel, KERNEL } from './kernel.ts';

const logger = createLogger({ level: 'silent' });
const hosts: EngineHost[] = [];

afterEach(async () => {
  await Promise.all(hosts.splice(0).map((host) => host.stop()));
});

async function startHost(settings: string[], extra: Partial<EngineHostOptions> = {}) {
  const entries = settings.map((setting) => {
    const [path, value] = setting.split('=') as [string, string];
    return { path: path.split('.'), value: JSON.parse(value), source: 'test' };
  });
  const config = parseConfig([{ path: ['registry', 'heartbeatMs'], value: 50, source: 'test' }, ...entries]);
  const clock = new LiveClock();
  const bus = new MemoryBus({ clock });
  const host = new EngineHost({ config, bus, clock, logger, ephemeralPorts: true, ...extra });
  hosts.push(host);
  await host.start();
  return { host, bus };
}

/** A real engine (implemented) that echoes quotes as VPIN values, and one whose start fails. */
const echoManifest = defineManifest({
  name: 'echo',
  title: 'Echo',
  description: 'test engine',
  defaultPort: 10000,
  subscribes: [topics.pattern('market_data')],
  publishes: [topics.pattern('vpin.calculation')],
  configSchema: z.strictObject({ vpin: z.number().default(0.5) }),
  implemented: true,
});

class EchoEngine extends Engine<{ vpin: number }> {
  async onStart() {
    await this.ctx.bus.subscribe(topics.pattern('market_data.quote'), (envelope: Envelope) => {
      const { symbol } = envelope.payload as { symbol: string };
      this.ctx.bus.publish({
        topic: topics.vpin.calculation(symbol),
        payload: { symbol, vpin: this.ctx.config.vpin },
      });
    });
  }
}

class SneakyEngine extends Engine {
  onStart() {
    this.ctx.bus.publish({ topic: topics.risk.alert('nope'), payload: {} });
  }
}

const testKernel: EngineKernel = new Map([
  ['risk', KERNEL.get('risk')!],
  ['echo', defineEngine(echoManifest, (ctx) => new EchoEngine(ctx))],
  [
    'sneaky',
    defineEngine(
      defineManifest({
        ...echoManifest,
        name: 'sneaky',
        defaultPort: 10002,
        configSchema: z.strictObject({}),
      }),
      (ctx) => new SneakyEngine(ctx),
    ),
  ],
]);

describe('EngineHost', () => {
  it('serves /health, /messagebus/*, /metrics and /hardware/status for each engine', async () => {
    const { host } = await startHost(['engines=["risk","vpin","marketdata"]']);
    expect(host.list().map((e) => [e.engine, e.state, e.implemented])).toEqual([
      ['risk', 'running', true],
      ['marketdata', 'running', true],
      ['vpin', 'running', true],
    ]);

    const health = await host.http('vpin').inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toMatchObject({
      engine: 'vpin',
      instance: host.instanceId,
      state: 'running',
      implemented: true,
      detail: '0 buckets over 0 symbols, 0 toxicity alerts',
      bus: { transport: 'memory', connected: true },
      lastHeartbeat: { ageMs: expect.any(Number) },
    });

    const status = await host.http('vpin').inject({ method: 'GET', url: '/messagebus/status' });
    expect(status.json()).toMatchObject({ engine: 'vpin', transport: 'memory', instanceId: host.instanceId });
    expect(status.json().counters.published).toBeGreaterThanOrEqual(3);

    const subscriptions = await host.http('vpin').inject({ method: 'GET', url: '/messagebus/subscriptions' });
    expect(subscriptions.json()).toEqual({
      engine: 'vpin',
      group: 'vpin',
      declared: {
        subscribes: ['market_data.*', 'feature.*'],
        publishes: ['vpin.calculation.*', 'toxicity.alert.*', 'engine.health.vpin'],
      },
      active: ['market_data.bar.*'],
    });

    const metrics = await host.http('marketdata').inject({ method: 'GET', url: '/metrics' });
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.body).toMatch(
      /nautilus_engine_up\{engine="risk",state="running",implemented="true",instance="[^"]+"\} 1/,
    );
    expect(metrics.body).toMatch(
      /nautilus_engine_messages_published_total\{engine="vpin",instance="[^"]+"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /nautilus_bus_messages_total\{event="published",transport="memory",instance="[^"]+"\} \d+/,
    );
    expect(metrics.body).toContain('nautilus_process_');

    const hardware = (await host.http('risk').inject({ method: 'GET', url: '/hardware/status' })).json();
    expect(hardware.cores).toBeGreaterThan(0);
    expect(hardware.memory.rssBytes).toBeGreaterThan(0);
    expect(hardware.eventLoopLagMs).toHaveProperty('p99');
    expect(hardware.workerPools).toEqual({ pools: 0, threads: 0, busy: 0 });

    const missing = await host.http('risk').inject({ method: 'GET', url: '/nope' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toEqual({
      error: { code: 'NOT_FOUND', message: 'no route GET /nope on engine risk' },
    });
  });

  it('answers a real HTTP request on the engine port', async () => {
    const { host } = await startHost(['engines=["risk"]']);
    const [risk] = host.list();
    expect(risk?.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const response = await fetch(`${risk!.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ engine: 'risk', state: 'running', implemented: true });
  });

  it('heartbeats on the bus and into the registry, and deregisters on stop', async () => {
    const { host, bus } = await startHost(['engines=["risk","vpin"]']);
    const beats: Envelope[] = [];
    await bus.subscribe('observer', topics.pattern('engine.health'), (envelope) => {
      beats.push(envelope);
    });
    await waitFor(
      () => beats.filter((b) => b.topic === 'engine.health.vpin').length >= 2,
      'two vpin heartbeats',
    );
    const beat = beats.find((b) => b.topic === 'engine.health.vpin')!;
    expect(beat.type).toBe('ENGINE_HEALTH');
    expect(beat.source.engine).toBe('vpin');
    expect(beat.payload).toMatchObject({ engine: 'vpin', state: 'running', implemented: true });

    const listed = await host.registry.list();
    expect(listed.map((i) => [i.engine, i.state, i.alive])).toEqual([
      ['risk', 'running', true],
      ['vpin', 'running', true],
    ]);
    expect(listed[0]?.port).toBe(host.list()[0]?.port);

    const url = host.list()[0]!.url!;
    await host.stop();
    expect(host.list().map((e) => e.state)).toEqual(['stopped', 'stopped']);
    expect(await host.registry.list()).toEqual([]);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
  });

  it('runs implemented engines with their validated config, and faults only an engine that fails', async () => {
    const { host, bus } = await startHost(['engines=["all"]', 'engineConfig.echo.vpin=0.25'], {
      kernel: testKernel,
    });
    expect(host.list().map((e) => [e.engine, e.state])).toEqual([
      ['risk', 'running'],
      ['echo', 'running'],
      ['sneaky', 'faulted'],
    ]);

    const sneaky = await host.http('sneaky').inject({ method: 'GET', url: '/health' });
    expect(sneaky.statusCode).toBe(503);
    expect(sneaky.json()).toMatchObject({ state: 'faulted', implemented: true });
    expect(sneaky.json().detail).toMatch(/^start failed: engine sneaky published "risk\.alert\.nope"/);
    expect((await host.http('risk').inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);

    const results: Envelope[] = [];
    await bus.subscribe('observer', topics.pattern('vpin'), (envelope) => {
      results.push(envelope);
    });
    const quote = { kind: 'quote', symbol: 'AAPL', bid: 1, ask: 2, bidSize: 1, askSize: 1, tsNs: 1n };
    bus.publish({ engine: 'test', topic: topics.marketData.quote('AAPL'), payload: quote });
    await waitFor(() => results.length === 1, 'an echo of the quote');
    expect(results[0]).toMatchObject({
      topic: 'vpin.calculation.AAPL',
      payload: { symbol: 'AAPL', vpin: 0.25 },
    });

    const echo = (await host.http('echo').inject({ method: 'GET', url: '/messagebus/subscriptions' })).json();
    expect(echo.active).toEqual(['market_data.quote.*']);
    await waitFor(
      async () => (await host.registry.list()).some((i) => i.state === 'faulted'),
      'faulted in registry',
    );
  });

  it('refuses invalid engine options before anything starts', () => {
    const config = parseConfig([{ path: ['engineConfig', 'echo', 'vpin'], value: 'high', source: 'test' }]);
    const clock = new LiveClock();
    expect(
      () => new EngineHost({ config, bus: new MemoryBus({ clock }), clock, logger, kernel: testKernel }),
    ).toThrow(/engineConfig\.echo\.vpin: Invalid input: expected number, received string/);
  });

  it('fails start with CONFIG_INVALID when an engine port is taken, and cleans up', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const taken = (blocker.address() as { port: number }).port;
    try {
      const config = parseConfig([
        { path: ['engines'], value: ['risk'], source: 'test' },
        { path: ['http', 'portOffset'], value: taken - 8200, source: 'test' },
      ]);
      const clock = new LiveClock();
      const bus = new MemoryBus({ clock });
      const host = new EngineHost({ config, bus, clock, logger });
      await expect(host.start()).rejects.toMatchObject({
        code: 'CONFIG_INVALID',
        message: expect.stringContaining(`engine risk: cannot listen on 127.0.0.1:${taken} (in use`),
      });
      expect(clock.timerNames()).toEqual([]);
      expect((await bus.status()).lanes[0]?.connected).toBe(false);
    } finally {
      blocker.close();
    }
  });
});
