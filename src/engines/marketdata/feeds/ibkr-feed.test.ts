import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { MemoryBus } from '../../../bus/memory/memory-bus.ts';
import type { PublishInput } from '../../../bus/message-bus.ts';
import { waitFor } from '../../../bus/testing/wait-for.ts';
import { LiveClock } from '../../../core/live-clock.ts';
import { createLogger } from '../../../core/logger.ts';
import { ReplayServer } from '../../../marketdata/sources/testing/replay-server.ts';
import { EngineBus } from '../../engine-bus.ts';
import { MarketDataEngine } from '../engine.ts';
import { marketdataConfigSchema, marketdataManifest } from '../manifest.ts';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Client Portal gateway WebSocket that streams AAPL quotes while `streaming` is set. */
async function gateway() {
  const replay = await ReplayServer.start(() => ({ status: 404, body: { error: 'not found' } }));
  const wss = new WebSocketServer({ server: replay.server, path: '/v1/api/ws' });
  const state = { streaming: true, subscribed: 0, sockets: [] as WebSocket[] };
  let price = 19_300;
  const timer = setInterval(() => {
    if (!state.streaming) return;
    price++;
    const message = JSON.stringify({
      topic: 'smd+265598',
      conid: 265598,
      _updated: Date.now(),
      '84': (price / 100).toFixed(2),
      '86': ((price + 2) / 100).toFixed(2),
      '88': '12',
      '85': '4',
    });
    for (const socket of state.sockets) socket.send(message);
  }, 20);
  wss.on('connection', (socket) => {
    socket.on('message', (data) => {
      if (String(data).startsWith('smd+265598+')) {
        state.subscribed++;
        state.sockets.push(socket);
      }
    });
  });
  cleanups.push(async () => {
    clearInterval(timer);
    for (const client of wss.clients) client.terminate();
    await new Promise((done) => wss.close(done));
    await replay.close();
  });
  return { url: `${replay.url}/v1/api`, state };
}

describe('IBKR live feed through the hub', () => {
  it('publishes streamed quotes and raises a stale alert on a silent disconnect, then live again', async () => {
    const { url, state } = await gateway();
    const bus = new MemoryBus();
    await bus.start();
    const engineBus = new EngineBus(bus, marketdataManifest);
    const published: Omit<PublishInput<unknown>, 'engine'>[] = [];
    const publish = engineBus.publish.bind(engineBus);
    engineBus.publish = <P>(input: Omit<PublishInput<P>, 'engine'>) => {
      published.push(input);
      return publish(input);
    };
    const engine = new MarketDataEngine({
      manifest: marketdataManifest,
      bus: engineBus,
      clock: new LiveClock(),
      logger: createLogger({ level: 'silent' }),
      metrics: new Registry(),
      config: marketdataConfigSchema.parse({
        feed: 'ibkr',
        ibkr: { conids: { AAPL: 265598 } },
        staleAfterMs: 300,
        sources: { ibkr: { baseUrl: url } },
      }),
      instanceId: 'test',
    });
    const app = Fastify();
    engine.registerRoutes(app, () => true);
    await engine.onStart();
    cleanups.push(
      () => bus.stop(),
      () => engine.onStop(),
      () => app.close(),
    );

    await waitFor(
      () => published.filter((p) => p.topic === 'market_data.quote.AAPL').length >= 5,
      'streamed quotes',
      5_000,
    );
    const quote = (await app.inject({ method: 'GET', url: '/quote/AAPL' })).json();
    expect(quote).toMatchObject({
      source: 'live:ibkr',
      symbol: 'AAPL',
      bidSize: 12,
      askSize: 4,
      stale: false,
    });
    expect(Math.round((quote.ask - quote.bid) * 100)).toBe(2);
    expect(state.subscribed).toBe(1);

    state.streaming = false;
    const statuses = () =>
      published
        .filter((p) => p.topic === 'market_data.status.AAPL')
        .map((p) => (p.payload as { state: string }).state);
    await waitFor(() => statuses().length === 1, 'a stale alert', 5_000);
    expect(statuses()).toEqual(['stale']);
    expect((await app.inject({ method: 'GET', url: '/quote/AAPL' })).json().stale).toBe(true);
    state.streaming = true;
    await waitFor(() => statuses().length === 2, 'the live edge', 5_000);
    expect(statuses()).toEqual(['stale', 'live']);
    expect(engine.healthDetail()).toMatch(/IBKR WebSocket connected, 0 reconnects, 1 subscriptions/);
  });
});
