import { afterEach, describe, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { hashApiKey } from '../../core/api-keys.ts';
import { type Frame, startWebsocketEngine } from './websocket-test-kit.ts';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function start(config: Record<string, unknown> = {}) {
  const kit = await startWebsocketEngine(config);
  stops.push(kit.stop);
  return kit;
}

const groupSubscriptions = async (kit: Awaited<ReturnType<typeof start>>) =>
  (await kit.bus.status()).subscriptions.filter((s) => s.group === 'websocket').map((s) => s.pattern);

const seqs = (frames: Frame[]) => frames.map((f) => f.seq);

describe('websocket engine', () => {
  it('delivers the topics a client subscribed to, numbered per topic, and nothing else', async () => {
    const kit = await start();
    const client = await kit.connect();
    client.send({ op: 'subscribe', topics: ['price.update.AAPL'] });
    expect(await client.next('subscribed')).toEqual({ op: 'subscribed', topics: ['price.update.AAPL'] });
    kit.publish('price.update.MSFT', { symbol: 'MSFT', price: '1', tsNs: 5n });
    kit.publish('price.update.AAPL', { symbol: 'AAPL', price: '190.5', tsNs: 7n });
    await client.until(() => client.messages().length === 1, 'the first AAPL price');
    // Sent after the first arrived: two prices of one topic in one bus drain would conflate.
    kit.publish('price.update.AAPL', { symbol: 'AAPL', price: '190.6', tsNs: 8n });
    await client.until(() => client.messages().length === 2, 'two AAPL prices');
    expect(client.messages()[0]).toEqual({
      op: 'message',
      topic: 'price.update.AAPL',
      seq: 1,
      eventTimeNs: '1000000000',
      payload: { symbol: 'AAPL', price: '190.5', tsNs: '7' },
    });
    expect(seqs(client.messages())).toEqual([1, 2]);
    expect(client.messages('price.update.MSFT')).toEqual([]);
  });

  it('holds one bus subscription per pattern however many clients share it', async () => {
    const kit = await start({ heartbeatMs: 1_000, resumeGraceMs: 1_000 });
    const clients = await Promise.all(Array.from({ length: 20 }, () => kit.connect()));
    for (const client of clients) client.send({ op: 'subscribe', topics: ['price.update.*', 'vpin.*'] });
    await Promise.all(clients.map((client) => client.next('subscribed')));
    expect((await groupSubscriptions(kit)).sort()).toEqual(['price.update.*', 'vpin.*']);

    kit.publish('price.update.ES', { symbol: 'ES', price: '5000', tsNs: 1n });
    for (const client of clients) await client.until(() => client.messages().length === 1, 'the ES price');
    expect(kit.engine.snapshot()).toMatchObject({
      clients: 20,
      busSubscriptions: 2,
      busMessages: 1,
      sent: 20,
    });

    for (const client of clients.slice(1)) client.socket.close();
    clients[0]!.send({ op: 'unsubscribe', topics: ['vpin.*'] });
    await clients[0]!.next('unsubscribed');
    await clients[0]!.until(() => kit.engine.snapshot().clients === 1, 'the others gone');
    clients[0]!.socket.close();
    await clients[0]!.until(() => kit.engine.snapshot().clients === 0, 'the last gone');
    // Patterns nobody follows are kept for the resume grace period, then released.
    expect((await groupSubscriptions(kit)).sort()).toEqual(['price.update.*', 'vpin.*']);
    kit.clock.advanceTo(2_000_000_000n);
    await vi.waitFor(async () => expect(await groupSubscriptions(kit)).toEqual([]));
  });

  it('answers bad frames with an error frame and keeps serving the connection', async () => {
    const kit = await start();
    const client = await kit.connect();
    client.send('not json');
    expect(await client.next('error')).toEqual({
      op: 'error',
      code: 'BAD_JSON',
      message: 'frame is not valid JSON',
    });
    client.send({ op: 'subscribe', topics: ['order.command.*'] });
    expect((await client.next('error')).message).toMatch(/"order\.command\.\*" is not available to clients/);
    client.send({ op: 'subscribe', topics: ['price.*.AAPL'] });
    expect((await client.next('error')).message).toMatch(/invalid topic pattern/);
    client.send({ op: 'launch' });
    expect((await client.next('error')).code).toBe('BAD_FRAME');
    client.send({ op: 'ping' });
    expect(await client.next('pong')).toEqual({ op: 'pong' });
    expect(kit.engine.snapshot().badFrames).toBe(4);
  });

  it('refuses upgrades without a known API key, and never echoes the key', async () => {
    const kit = await start({
      apiKeys: [{ name: 'desk', keyHash: hashApiKey('s3cret-key'), role: 'read-only' }],
    });
    const refusal = (url: string, headers: Record<string, string> = {}) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const socket = new WebSocket(url, { headers });
        socket.on('open', () => reject(new Error('connection accepted')));
        socket.on('unexpected-response', (_request, response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => {
            body += chunk.toString();
          });
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
        });
      });
    const base = `ws://127.0.0.1:${kit.port}/ws`;
    expect(await refusal(base)).toMatchObject({
      status: 401,
      body: expect.stringMatching(/API key required/),
    });
    const wrong = await refusal(`${base}?key=guess`);
    expect(wrong).toMatchObject({ status: 401, body: expect.stringMatching(/unknown API key/) });
    expect(wrong.body).not.toContain('guess');
    expect((await refusal(`ws://127.0.0.1:${kit.port}/elsewhere`)).status).toBe(404);
    await kit.connect('', { 'x-api-key': 's3cret-key' });
    await kit.connect('?key=s3cret-key');
    expect(await kit.metrics.metrics()).toMatch(/nautilus_websocket_refused_total\{reason="auth"\} 2/);
  });

  it('sends heartbeats on the clock and cuts off a client that stops answering pings', async () => {
    const kit = await start({ heartbeatMs: 1_000 });
    const live = await kit.connect();
    const mute = await kit.connect('', {}, { autoPong: false });
    kit.clock.advanceTo(2_000_000_000n);
    // Clients are beaten in ten slices of the interval: each once per second, at its slice's tick.
    expect(await live.next('heartbeat')).toEqual({
      op: 'heartbeat',
      tsNs: expect.stringMatching(/^1[1-9]00000000$|^2000000000$/),
    });
    await mute.until(() => mute.frames.some((f) => f.op === 'heartbeat'), 'the first heartbeat');
    // Give the live client's pong time to arrive before the next beat checks it.
    await live.until(() => live.frames.length > 0 && kit.engine.snapshot().clients === 2, 'both connected');
    await new Promise((resolve) => setTimeout(resolve, 50));
    kit.clock.advanceTo(3_000_000_000n);
    await mute.until(() => mute.closed !== undefined, 'the mute client cut off');
    expect(live.closed).toBeUndefined();
    await vi.waitFor(() => expect(kit.engine.snapshot().clients).toBe(1));
  });
});
