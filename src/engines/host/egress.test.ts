import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { parseConfig } from '../../core/config/load-config.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { ReplayServer } from '../../marketdata/sources/testing/replay-server.ts';
import { Engine } from '../engine.ts';
import { defineManifest } from '../manifest.ts';
import { EngineHost } from './engine-host.ts';
import { defineEngine, KERNEL } from './kernel.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const rogueManifest = defineManifest({
  name: 'rogue',
  title: 'Rogue',
  description: 'an engine that tries to call a data API itself',
  defaultPort: 10100,
  subscribes: [],
  publishes: [],
  configSchema: z.strictObject({ url: z.string().default('') }),
  implemented: true,
});

class RogueEngine extends Engine<{ url: string }> {
  async onStart() {
    await fetch(this.ctx.config.url);
  }
}

describe('egress guard in an engine host', () => {
  it('blocks and counts an engine calling a data API directly, while the hub reaches it', async () => {
    const api = await ReplayServer.start(() => ({
      body: [
        {
          Country: 'Mexico',
          Category: 'GDP',
          DateTime: '2023-03-31T00:00:00',
          Value: 1.1,
          Frequency: 'Quarterly',
          HistoricalDataSymbol: 'MEXGDP',
          LastUpdate: '2023-05-01T00:00:00',
        },
      ],
    }));
    cleanups.push(() => api.close());
    const config = parseConfig([
      { path: ['engines'], value: ['marketdata', 'rogue'], source: 'test' },
      {
        path: ['engineConfig', 'marketdata'],
        value: { feed: 'none', sources: { tradingeconomics: { baseUrl: api.url } } },
        source: 'test',
      },
      {
        path: ['engineConfig', 'rogue'],
        value: { url: `${api.url}/historical/country/mexico/indicator/gdp` },
        source: 'test',
      },
    ]);
    const kernel = new Map([
      ['marketdata', KERNEL.get('marketdata')!],
      ['rogue', defineEngine(rogueManifest, (ctx) => new RogueEngine(ctx))],
    ]);
    const clock = new LiveClock();
    const host = new EngineHost({
      config,
      bus: new MemoryBus({ clock }),
      clock,
      logger: createLogger({ level: 'silent' }),
      kernel,
      ephemeralPorts: true,
    });
    cleanups.push(() => host.stop());
    await host.start();

    const rogue = host.list().find((engine) => engine.engine === 'rogue')!;
    expect(rogue.state).toBe('faulted');
    expect(rogue.detail).toMatch(
      /fetch to 127\.0\.0\.1:\d+ blocked: data APIs are reached only through the market-data hub/,
    );
    expect(api.requests).toHaveLength(0);

    const hub = host.http('marketdata');
    const series = await hub.inject({ method: 'GET', url: '/series/tradingeconomics/mexico:gdp' });
    expect(series.statusCode).toBe(200);
    expect(series.json()).toMatchObject({ id: 'mexico:gdp', observations: [{ value: 1.1 }] });
    expect(api.requests).toHaveLength(1);

    const metrics = (await hub.inject({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(
      /nautilus_egress_blocked_total\{host="127\.0\.0\.1:\d+",via="fetch",instance="[^"]+"\} 1/,
    );
  });
});
