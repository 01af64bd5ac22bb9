import { afterEach, describe, expect, it } from 'vitest';
import { SLOW_CONSUMER_CLOSE } from './engine.ts';
import { type Frame, startWebsocketEngine } from './websocket-test-kit.ts';

const stops: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of stops.splice(0)) await stop();
});

async function start(config: Record<string, unknown>) {
  const kit = await startWebsocketEngine({ maxBufferedBytes: 1_024, ...config });
  stops.push(kit.stop);
  return kit;
}

/** Large frames fill the kernel's socket buffers quickly once the client stops reading. */
const BULK = 'x'.repeat(64 * 1024);
const seqs = (frames: Frame[]) => frames.map((f) => f.seq as number);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('websocket engine with a slow consumer', () => {
  it('conflates prices to the latest per topic but delivers every alert, in order', async () => {
    const kit = await start({ alertQueueLimit: 10_000 });
    const client = await kit.connect();
    client.send({ op: 'subscribe', topics: ['price.update.AAPL', 'toxicity.alert.*'] });
    await client.next('subscribed');
    client.socket.pause();
    let prices = 0;
    let alerts = 0;
    while (kit.engine.snapshot().conflated < 20 && prices < 5_000) {
      kit.publish('price.update.AAPL', { symbol: 'AAPL', price: String(++prices), bulk: BULK });
      if (prices % 10 === 0) kit.publish('toxicity.alert.AAPL', { n: ++alerts });
      await kit.bus.idle();
    }
    expect(kit.engine.snapshot().conflated).toBeGreaterThanOrEqual(20);
    client.socket.resume();
    await client.until(() => client.messages('price.update.AAPL').at(-1)?.seq === prices, 'the latest price');
    await client.until(() => client.messages('toxicity.alert.AAPL').length === alerts, 'every alert');
    const received = seqs(client.messages('price.update.AAPL'));
    expect(received.length).toBeLessThan(prices);
    expect(received).toEqual([...received].sort((a, b) => a - b));
    expect(seqs(client.messages('toxicity.alert.AAPL'))).toEqual(range(1, alerts));
    expect(await kit.metrics.metrics()).toMatch(/nautilus_websocket_conflated_total \d+/);
  });

  it('disconnects a client whose alert queue overflows, and it resumes without losing one', async () => {
    const kit = await start({ alertQueueLimit: 5, retainPerTopic: 10_000 });
    const slow = await kit.connect();
    const epoch = slow.frames[0]!.epoch as string;
    slow.send({ op: 'subscribe', topics: ['margin.alert.acct-1'] });
    await slow.next('subscribed');
    slow.socket.pause();
    let published = 0;
    while (kit.engine.snapshot().slowConsumerDisconnects === 0 && published < 5_000) {
      kit.publish('margin.alert.acct-1', { n: ++published, bulk: BULK });
      await kit.bus.idle();
    }
    expect(kit.engine.snapshot()).toMatchObject({ slowConsumerDisconnects: 1, clients: 0 });
    for (let i = 0; i < 3; i++) kit.publish('margin.alert.acct-1', { n: ++published, bulk: BULK });
    slow.socket.resume();
    await slow.until(() => slow.closed !== undefined, 'the close');
    expect(slow.closed).toEqual({ code: SLOW_CONSUMER_CLOSE, reason: 'slow consumer: alert queue overflow' });
    const got = seqs(slow.messages());
    expect(got).toEqual(range(1, got.length));

    const again = await kit.connect();
    again.send({ op: 'resume', epoch, since: { 'margin.alert.acct-1': got.length } });
    await again.until(() => again.messages().length === published - got.length, 'the missed alerts');
    expect(seqs(again.messages())).toEqual(range(got.length + 1, published));
    expect(await kit.metrics.metrics()).toMatch(/nautilus_websocket_slow_consumer_disconnects_total 1/);
  });
});
