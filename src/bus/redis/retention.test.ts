import { createClient } from 'redis';
import { afterEach, describe, expect, it } from 'vitest';
import { familyOf, topics } from '../../domain/topics.ts';
import { busConfigSchema, hardCapOf } from '../bus-config.ts';
import type { MessageBus } from '../message-bus.ts';
import { DualBusFixture } from '../testing/redis-fixture.ts';
import { sleep, waitFor } from '../testing/wait-for.ts';
import { RESCAN_MS } from './retention.ts';
import { streamKey, trimmedUnconsumedKey } from './stream-keys.ts';

const MAX_LEN = 100;
/** Approximate trimming works in whole stream nodes (stream-node-max-entries 100). */
const NODE = 100;

let fixture: DualBusFixture | null = null;
const adminClient = (url: string) => createClient({ url, RESP: 2 });
let admin: ReturnType<typeof adminClient> | null = null;
afterEach(async () => {
  await admin?.close();
  admin = null;
  await fixture?.stop();
  fixture = null;
});

async function start(): Promise<{ fixture: DualBusFixture; stream: string; xlen: () => Promise<number> }> {
  fixture = await DualBusFixture.start({ appendonly: false });
  admin = adminClient(fixture.marketData.url);
  await admin.connect();
  const client = admin;
  const stream = streamKey(fixture.prefix, 'price', 'NORMAL');
  return { fixture, stream, xlen: async () => Number(await client.sendCommand(['XLEN', stream])) };
}

/** `count` messages, `perTick` per turn of the event loop (a batch groups up to 16 per entry). */
async function publish(bus: MessageBus, count: number, perTick: number, afterTick?: () => Promise<void>) {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push(
      bus.publish({
        engine: 'marketdata',
        topic: topics.price.update('EURUSD'),
        payload: { symbol: 'EURUSD', price: 1 + i / 1e5, tsNs: BigInt(i) },
      }).id,
    );
    if (i % perTick === perTick - 1) {
      await new Promise((resolve) => setImmediate(resolve));
      await afterTick?.();
    }
  }
  await bus.flush();
  return ids;
}

/** Handler that counts deliveries per message id. */
function counting() {
  const seen = new Map<string, number>();
  return { seen, handler: (id: string) => void seen.set(id, (seen.get(id) ?? 0) + 1) };
}

async function entriesAdded(stream: string): Promise<number> {
  const flat = (await admin!.sendCommand(['XINFO', 'STREAM', stream])) as unknown[];
  return Number(flat[flat.indexOf('entries-added') + 1]);
}

describe('retention never trims what a consumer group has not consumed (real redis-server)', () => {
  it("keeps a slow group's backlog past maxLen, delivers every message once, then trims back", async () => {
    const { fixture, xlen } = await start();
    // Hard cap above the ~1,000 entries published: nothing may be trimmed unconsumed here.
    const publisher = await fixture.bus({ maxLen: MAX_LEN, maxLenHard: 20 * MAX_LEN });
    // Long claimIdleMs: the slow handler's pending entries must not be claimed and handled twice.
    const slowBus = await fixture.bus({ maxLen: MAX_LEN, claimIdleMs: 60_000 });
    const fastBus = await fixture.bus({ maxLen: MAX_LEN });
    const slow = counting();
    const fast = counting();
    let stalled = true;
    await slowBus.subscribe('slow', 'price.*', async (e) => {
      if (stalled) await sleep(20);
      slow.handler(e.id);
    });
    await fastBus.subscribe('fast', 'price.*', (e) => fast.handler(e.id));
    let longest = 0;
    const sent = await publish(publisher, 16_000, 500, async () => {
      longest = Math.max(longest, await xlen());
    });
    longest = Math.max(longest, await xlen());
    // ~1,000 entries of 16 messages: the slow group has handled only a few of them.
    expect(longest).toBeGreaterThan(8 * MAX_LEN);
    expect(slow.seen.size).toBeLessThan(sent.length / 2);
    stalled = false;
    await waitFor(() => slow.seen.size === sent.length, 'the slow group to catch up', 30_000);
    await waitFor(() => fast.seen.size === sent.length, 'the fast group');
    for (const group of [slow, fast]) {
      expect(sent.every((id) => group.seen.get(id) === 1)).toBe(true);
      expect(group.seen.size).toBe(sent.length);
    }
    // Nothing more is published: the publisher's re-check trims the caught-up stream.
    await waitFor(async () => (await xlen()) <= MAX_LEN + NODE, 'the stream trimmed back near maxLen');
    expect(await xlen()).toBeGreaterThanOrEqual(MAX_LEN);
    expect(publisher.counters().trimmedUnconsumed).toBe(0);
  });

  it('trims nothing of a group that is never read (below the hard cap), and it gets everything later', async () => {
    const { fixture, stream, xlen } = await start();
    const idle = await fixture.bus({ maxLen: MAX_LEN });
    await idle.subscribe('idle', 'price.*', () => {});
    await idle.stop();
    const publisher = await fixture.bus({ maxLen: MAX_LEN });
    const sent = await publish(publisher, 14_000, 1_000);
    const added = await entriesAdded(stream);
    expect(added).toBeGreaterThan(8 * MAX_LEN);
    expect(added).toBeLessThan(hardCapOf({ maxLen: MAX_LEN }));
    expect(await xlen()).toBe(added);
    const revived = await fixture.bus({ maxLen: MAX_LEN });
    const got = counting();
    await revived.subscribe('idle', 'price.*', (e) => got.handler(e.id));
    await waitFor(() => got.seen.size === sent.length, 'the revived group to read its backlog');
    expect(sent.every((id) => got.seen.get(id) === 1)).toBe(true);
    await waitFor(async () => (await xlen()) <= MAX_LEN + NODE, 'the stream trimmed back near maxLen');
  });

  it('keeps a stream whose groups keep up (a dead RPC inbox aside), and one with no group, near maxLen', async () => {
    const { fixture, stream, xlen } = await start();
    // The reply inbox of a crashed process: never read again, it must not pin the stream.
    await admin!.sendCommand(['XGROUP', 'CREATE', stream, 'rpc-reply.crashed', '$', 'MKSTREAM']);
    const bus = await fixture.bus({ maxLen: MAX_LEN });
    const got = counting();
    await bus.subscribe('fast', 'price.*', (e) => got.handler(e.id));
    let longest = 0;
    const sent = await publish(bus, 8_000, 16, async () => {
      // Let the group read between ticks, as a steady feed does.
      await sleep(1);
      longest = Math.max(longest, await xlen());
    });
    await waitFor(() => got.seen.size === sent.length, 'every message');
    expect(longest).toBeLessThanOrEqual(MAX_LEN + 2 * NODE);
    // No subscriber on the trade family: that stream has no group and trims like MAXLEN ~.
    for (let i = 0; i < 2_000; i++) {
      bus.publish({
        engine: 'execution',
        topic: topics.trade.execution('EURUSD'),
        payload: { symbol: 'EURUSD' },
      } as never);
      if (i % 10 === 9) await new Promise((resolve) => setImmediate(resolve));
    }
    await bus.flush();
    const orphan = streamKey(fixture.prefix, familyOf(topics.trade.execution('EURUSD')), 'NORMAL');
    const orphanLength = Number(await admin!.sendCommand(['XLEN', orphan]));
    expect(orphanLength).toBeGreaterThanOrEqual(MAX_LEN);
    expect(orphanLength).toBeLessThanOrEqual(MAX_LEN + NODE);
  });

  it('cuts at the hard cap anyway and counts exactly what it trimmed unconsumed, in the bus and in Redis', async () => {
    const { fixture, stream, xlen } = await start();
    const idle = await fixture.bus({ maxLen: MAX_LEN });
    await idle.subscribe('dead', 'price.*', () => {});
    await idle.stop();
    const hard = 3 * MAX_LEN;
    const publisher = await fixture.bus({ maxLen: MAX_LEN, maxLenHard: hard });
    await publish(publisher, 16_000, 1_000);
    const length = await xlen();
    expect(length).toBeGreaterThanOrEqual(hard);
    expect(length).toBeLessThanOrEqual(hard + NODE);
    // The dead group consumed nothing: every entry gone was trimmed unconsumed.
    const trimmed = (await entriesAdded(stream)) - length;
    expect(trimmed).toBeGreaterThan(0);
    expect(publisher.counters().trimmedUnconsumed).toBe(trimmed);
    const key = trimmedUnconsumedKey(fixture.prefix, 'market_data');
    expect(Number(await admin!.hGet(key, stream))).toBe(trimmed);
    const lanes = (await publisher.status()).lanes;
    expect(lanes.find((l) => l.lane === 'market_data')?.trimmedUnconsumed).toBe(trimmed);
  });

  it('scans the groups of a held stream at most once per RESCAN_MS, not on every batch', async () => {
    const { fixture, xlen } = await start();
    const idle = await fixture.bus({ maxLen: MAX_LEN });
    await idle.subscribe('idle', 'price.*', () => {});
    await idle.stop();
    const publisher = await fixture.bus({ maxLen: MAX_LEN, maxLenHard: 100 * MAX_LEN });
    // Flushed after each message: one batch, one entry each.
    const oneByOne = () => publisher.flush();
    await publish(publisher, 4 * MAX_LEN, 1, oneByOne);
    expect(await xlen()).toBeGreaterThan(MAX_LEN + NODE);
    const scans = async () => (await fixture.marketData.commandStats())['xinfo|groups']?.calls ?? 0;
    const scansBefore = await scans();
    const startedAt = Date.now();
    let batches = 0;
    // Paced so the stream stays far below the hard cap, whose trims force scans of their own.
    while (Date.now() - startedAt < 5 * RESCAN_MS) {
      batches += (await publish(publisher, 1, 1, oneByOne)).length;
      await sleep(1);
    }
    const elapsed = Date.now() - startedAt;
    const scanned = (await scans()) - scansBefore;
    expect(scanned).toBeGreaterThan(0);
    expect(scanned).toBeLessThanOrEqual(Math.ceil(elapsed / RESCAN_MS) + 2);
    expect(batches).toBeGreaterThan(5 * scanned);
  });

  it('trims by age (maxAgeMs) only what every group consumed, also with nothing published', async () => {
    const { fixture, stream, xlen } = await start();
    const config = { maxLen: MAX_LEN, maxAgeMs: 200, claimIntervalMs: 50 };
    const idle = await fixture.bus(config);
    await idle.subscribe('idle', 'price.*', () => {});
    await idle.stop();
    // A live group on the stream: its process's periodic sweep applies the age limit.
    const live = await fixture.bus(config);
    await live.subscribe('live', 'price.*', () => {});
    const publisher = await fixture.bus(config);
    const sent = await publish(publisher, 40, 1);
    await sleep(600);
    await publish(publisher, 1, 1);
    expect(await xlen()).toBe(await entriesAdded(stream));
    const revived = await fixture.bus(config);
    const got = counting();
    await revived.subscribe('idle', 'price.*', (e) => got.handler(e.id));
    await waitFor(() => got.seen.size === sent.length + 1, 'the revived group to read its backlog');
    expect(sent.every((id) => got.seen.get(id) === 1)).toBe(true);
    await waitFor(async () => (await xlen()) === 0, 'the consumed entries trimmed by age', 5_000);
  });
});

describe('bus.maxLenHard', () => {
  it('defaults to 10 x maxLen and must exceed maxLen', () => {
    expect(hardCapOf(busConfigSchema.parse({ maxLen: 50 }))).toBe(500);
    expect(hardCapOf(busConfigSchema.parse({ maxLen: 50, maxLenHard: 51 }))).toBe(51);
    const result = busConfigSchema.safeParse({ maxLen: 50, maxLenHard: 50 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({
      path: ['maxLenHard'],
      message: 'must be greater than bus.maxLen',
    });
  });
});
