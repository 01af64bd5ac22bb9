import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { TestClock } from '../../core/test-clock.ts';
import { TieredCache } from '../cache/tiered-cache.ts';
import type { DataSource } from '../sources/source.ts';
import { sourceKit } from '../sources/source-kit.ts';
import { ReplayServer } from '../sources/testing/replay-server.ts';
import { MarketDataHub } from './market-data-hub.ts';
import { SourceSlots } from './source-slot.ts';

const S = 1_000_000_000n;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A small real source: quotes and economic series served by a local HTTP server. */
async function setup(prefetch: false | { minSupport: number } = false) {
  const server = await ReplayServer.start((request) => {
    const symbol = request.query.get('symbol') ?? '';
    if (symbol === 'BAD') return { status: 500, body: { error: 'boom' } };
    return { body: { symbol, price: 100 + server.requests.length } };
  });
  cleanups.push(() => server.close());
  const clock = new TestClock(1_000n * S);
  const build = (): DataSource => {
    const { client, limiter } = sourceKit(
      {
        name: 'quotes',
        baseUrl: server.url,
        rateLimit: { capacity: 100, refillPerSecond: 100, published: 'test' },
      },
      { clock },
    );
    return {
      name: 'quotes',
      title: 'Test quotes',
      hosts: [],
      limiter,
      operations: {
        quote: {
          description: 'latest price',
          dataType: 'quote',
          params: z.strictObject({ symbol: z.string().min(1) }),
          keySymbol: (params: { symbol: string }) => params.symbol,
          pointInTime: { safe: false, note: 'a live price cannot be asked about the past' },
          run: (params: { symbol: string }) => client.json('/quote', { query: { symbol: params.symbol } }),
        },
        history: {
          description: 'closing price as known at a date',
          dataType: 'economic',
          params: z.strictObject({ symbol: z.string().min(1) }),
          keySymbol: (params: { symbol: string }) => params.symbol,
          pointInTime: { safe: true, note: 'filtered by publication time' },
          run: (params: { symbol: string }) => client.json('/history', { query: { symbol: params.symbol } }),
        },
      },
      close: async () => client.close(),
    };
  };
  let keyConfigured = false;
  const slots = new SourceSlots([
    { name: 'quotes', title: 'Test quotes', hosts: [], credentialConfigured: true, create: build },
    {
      name: 'keyed',
      title: 'Needs a key',
      hosts: [],
      credentialConfigured: false,
      create: () => {
        if (!keyConfigured) throw new Error('keyed: no API key (set KEYED_API_KEY)');
        return build();
      },
    },
  ]);
  cleanups.push(() => slots.close());
  const hub = new MarketDataHub({ clock, slots, cache: new TieredCache(clock), prefetch });
  return { server, clock, hub, enableKey: () => (keyConfigured = true) };
}

const quote = (symbol: string) => ({ source: 'quotes', operation: 'quote', params: { symbol } });

describe('MarketDataHub', () => {
  it('serves repeats from the cache within the TTL and reloads after it, on one connection', async () => {
    const { server, clock, hub } = await setup();
    expect(await hub.fetch(quote('AAPL'))).toEqual({ symbol: 'AAPL', price: 101 });
    expect(await hub.fetch(quote('AAPL'))).toEqual({ symbol: 'AAPL', price: 101 });
    clock.advanceTo(clock.nowNs() + 2n * S);
    expect(await hub.fetch(quote('AAPL'))).toEqual({ symbol: 'AAPL', price: 102 });
    expect(hub.stats.upstreamCalls).toEqual({ quotes: 2 });
    expect(hub.cache.stats().hits).toBe(1);
    expect(server.connections).toBe(1);
  });

  it('coalesces concurrent requests for one key into one upstream call', async () => {
    const { server, hub } = await setup();
    const answers = await Promise.all(Array.from({ length: 20 }, () => hub.fetch(quote('MSFT'))));
    expect(new Set(answers.map((answer) => JSON.stringify(answer))).size).toBe(1);
    expect(server.requests).toHaveLength(1);
    expect(hub.cache.stats().coalesced).toBe(19);
  });

  it('refuses a source that is not point-in-time safe in a backtest unless the user opts in', async () => {
    const { server, hub } = await setup();
    await expect(hub.fetch({ ...quote('AAPL'), asOfNs: 5n * S })).rejects.toMatchObject({
      code: 'POINT_IN_TIME_UNSAFE',
      message: expect.stringContaining(
        'quotes.quote is not point-in-time safe (a live price cannot be asked about the past)',
      ),
    });
    expect(server.requests).toHaveLength(0);
    await expect(
      hub.fetch({ ...quote('AAPL'), asOfNs: 5n * S, allowLookahead: true }),
    ).resolves.toMatchObject({ symbol: 'AAPL' });
    await expect(
      hub.fetch({ source: 'quotes', operation: 'history', params: { symbol: 'X' }, asOfNs: 5n * S }),
    ).resolves.toBeTruthy();
    expect(hub.stats.refusedLookahead).toBe(1);
  });

  it('names what is wrong with a request: source, operation, params', async () => {
    const { hub } = await setup();
    await expect(hub.fetch({ source: 'nope', operation: 'quote' })).rejects.toThrow(
      'unknown source "nope" (sources: quotes, keyed)',
    );
    await expect(hub.fetch({ source: 'quotes', operation: 'bars' })).rejects.toThrow(
      'quotes has no operation "bars" (operations: quote, history)',
    );
    await expect(
      hub.fetch({ source: 'quotes', operation: 'quote', params: { symbol: '', x: 1 } }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/^quotes.quote: symbol: .*; \(params\): Unrecognized key: "x"/),
    });
  });

  it('counts upstream errors per source and does not cache them', async () => {
    const { server, hub } = await setup();
    await expect(hub.fetch(quote('BAD'))).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    await expect(hub.fetch(quote('BAD'))).rejects.toMatchObject({ code: 'UPSTREAM_ERROR' });
    expect(server.requests).toHaveLength(2);
    expect(hub.stats.upstreamErrors).toEqual({ quotes: 2 });
  });

  it('keeps answering with the missing-credential error until the key is set', async () => {
    const { hub, enableKey } = await setup();
    await expect(hub.fetch({ source: 'keyed', operation: 'quote', params: { symbol: 'A' } })).rejects.toThrow(
      /KEYED_API_KEY/,
    );
    enableKey();
    await expect(
      hub.fetch({ source: 'keyed', operation: 'quote', params: { symbol: 'A' } }),
    ).resolves.toMatchObject({ symbol: 'A' });
  });

  it('prefetches what a requester keeps asking for next, and counts the hit', async () => {
    const { server, clock, hub } = await setup({ minSupport: 2 });
    for (let round = 0; round < 2; round++) {
      await hub.fetch(quote('SPY'), 'strategy');
      await hub.fetch(quote('QQQ'), 'strategy');
      clock.advanceTo(clock.nowNs() + 3n * S);
    }
    expect(hub.stats.prefetches).toBe(0);
    await hub.fetch(quote('SPY'), 'strategy');
    expect(hub.stats.prefetches).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = server.requests.length;
    await hub.fetch(quote('QQQ'), 'strategy');
    expect(server.requests.length).toBe(before);
    expect(hub.stats.prefetchHits).toBe(1);
  });
});
