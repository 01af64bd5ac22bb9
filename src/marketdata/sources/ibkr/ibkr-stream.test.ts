import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { LiveClock } from '../../../core/live-clock.ts';
import { type BlockedAttempt, EgressGuard } from '../egress-guard.ts';
import type { QuoteSnapshot } from '../source-types.ts';
import { ReplayServer } from '../testing/replay-server.ts';
import { AAPL_CONID } from './ibkr-fixtures.ts';
import { IbkrMarketDataStream, type IbkrStreamStatus } from './ibkr-stream.ts';

const SUBSCRIBE_AAPL = 'smd+265598+{"fields":["31","84","86","85","88"]}';

/** A gateway WebSocket at /v1/api/ws that records what each connection receives. */
interface Gateway {
  replay: ReplayServer;
  wss: WebSocketServer;
  sockets: WebSocket[];
  received: string[][];
}

let gateway: Gateway | undefined;
let stream: IbkrMarketDataStream | undefined;

afterEach(async () => {
  await stream?.close();
  if (gateway) {
    for (const client of gateway.wss.clients) client.terminate();
    await new Promise((resolve) => gateway!.wss.close(resolve));
    await gateway.replay.close();
  }
  stream = undefined;
  gateway = undefined;
});

async function startGateway(onMessage?: (socket: WebSocket, text: string) => void): Promise<Gateway> {
  const replay = await ReplayServer.start(() => ({ status: 404, body: { error: 'not found' } }));
  const wss = new WebSocketServer({ server: replay.server, path: '/v1/api/ws' });
  const started: Gateway = { replay, wss, sockets: [], received: [] };
  wss.on('connection', (socket) => {
    const log: string[] = [];
    started.sockets.push(socket);
    started.received.push(log);
    socket.send(JSON.stringify({ topic: 'sts', args: { authenticated: true } }));
    socket.on('message', (data) => {
      const text = String(data);
      log.push(text);
      onMessage?.(socket, text);
    });
  });
  gateway = started;
  return started;
}

function openStream(
  server: Gateway,
  quotes: QuoteSnapshot[],
  statuses: IbkrStreamStatus[] = [],
  keepAliveMs = 60_000,
): IbkrMarketDataStream {
  stream = new IbkrMarketDataStream({
    url: `${server.replay.url.replace('http', 'ws')}/v1/api/ws`,
    clock: new LiveClock(),
    onQuote: (quote) => quotes.push(quote),
    onStatus: (event) => statuses.push(event),
    keepAliveMs,
    reconnect: { initialMs: 20, maxMs: 100 },
  });
  return stream;
}

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 5_000) throw new Error(`timed out waiting for ${what}`);
    await sleep(10);
  }
}

describe('ibkr market-data stream', () => {
  it('subscribes, merges field updates into full quotes and unsubscribes', async () => {
    const server = await startGateway((socket, text) => {
      if (!text.startsWith('smd+')) return;
      socket.send(JSON.stringify({ topic: 'system', hb: 1702328400000 }));
      const base = { topic: `smd+${AAPL_CONID}`, conid: AAPL_CONID };
      socket.send(
        JSON.stringify({ ...base, _updated: 1702328400123, '31': '193.18', '84': '193.16', '86': '193.20' }),
      );
      socket.send(
        JSON.stringify({ ...base, _updated: 1702328400456, '31': 'C193.19', '85': '4', '88': '12' }),
      );
    });
    const quotes: QuoteSnapshot[] = [];
    const statuses: IbkrStreamStatus[] = [];
    const live = openStream(server, quotes, statuses);
    live.subscribe(AAPL_CONID, 'AAPL');
    live.start();
    await until(() => quotes.length === 2, 'two quotes');
    expect(server.received[0]).toEqual([SUBSCRIBE_AAPL]);
    expect(live.connected).toBe(true);
    expect(quotes).toEqual([
      { source: 'ibkr', symbol: 'AAPL', last: 193.18, bid: 193.16, ask: 193.2, tsNs: 1702328400123_000_000n },
      {
        source: 'ibkr',
        symbol: 'AAPL',
        last: 193.19,
        bid: 193.16,
        ask: 193.2,
        askSize: 4,
        bidSize: 12,
        tsNs: 1702328400456_000_000n,
      },
    ]);
    expect(live.lastMessageNs('AAPL')).toBeTypeOf('bigint');
    expect(live.lastMessageNs('MSFT')).toBeUndefined();
    expect(statuses).toContainEqual({ type: 'authenticated', authenticated: true });
    expect(statuses).toContainEqual({ type: 'heartbeat', hbMs: 1702328400000 });
    live.unsubscribe(AAPL_CONID);
    await until(() => server.received[0]!.length === 2, 'the unsubscribe');
    expect(server.received[0]![1]).toBe(`umd+${AAPL_CONID}+{}`);
  });

  it('sends "tic" at the keep-alive interval', async () => {
    const server = await startGateway();
    openStream(server, [], [], 50).start();
    await until(() => (server.received[0]?.filter((text) => text === 'tic').length ?? 0) >= 2, 'two tics');
    expect(server.received[0]!.every((text) => text === 'tic')).toBe(true);
  });

  it('reconnects after the server drops the socket and re-sends the subscriptions', async () => {
    const server = await startGateway();
    const statuses: IbkrStreamStatus[] = [];
    const live = openStream(server, [], statuses);
    live.start();
    live.subscribe(AAPL_CONID, 'AAPL');
    await until(() => server.received[0]?.includes(SUBSCRIBE_AAPL) ?? false, 'the first subscribe');
    server.sockets[0]!.terminate();
    await until(() => server.received[1]?.includes(SUBSCRIBE_AAPL) ?? false, 'the re-subscribe');
    expect(live.reconnects).toBe(1);
    expect(server.received[1]).toEqual([SUBSCRIBE_AAPL]);
    expect(statuses.find((event) => event.type === 'closed')).toMatchObject({ retryInMs: 20 });
  });

  it('close() stops reconnecting and leaves no socket open', async () => {
    const server = await startGateway();
    const live = openStream(server, []);
    live.start();
    await until(() => live.connected, 'the connection');
    await live.close();
    expect(live.connected).toBe(false);
    await until(() => server.wss.clients.size === 0, 'the server to see the socket closed');
    // Several backoff periods pass: a leftover reconnect timer would have opened a new socket.
    await sleep(150);
    expect(server.sockets).toHaveLength(1);
    expect(live.reconnects).toBe(0);
  });

  it('connects through the egress guard only because it holds the ibkr permit', async () => {
    const server = await startGateway();
    const guard = new EgressGuard();
    guard.block([`127.0.0.1:${new URL(server.replay.url).port}`]);
    const attempts: BlockedAttempt[] = [];
    const release = guard.install((attempt) => attempts.push(attempt));
    try {
      const url = `${server.replay.url.replace('http', 'ws')}/v1/api/ws`;
      expect(() => new WebSocket(url)).toThrow(/blocked: data APIs are reached only through/);
      const live = openStream(server, []);
      live.start();
      await until(() => live.connected, 'the permitted connection');
      expect(attempts).toHaveLength(1);
    } finally {
      release();
    }
  });
});
