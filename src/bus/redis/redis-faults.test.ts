import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../domain/envelope.ts';
import { topics } from '../../domain/topics.ts';
import { DualBusFixture } from '../testing/redis-fixture.ts';
import { sleep, waitFor } from '../testing/wait-for.ts';
import { jsonCodec } from './codec.ts';
import { streamKey } from './stream-keys.ts';

const price = (i: number) => ({ symbol: 'EURUSD', price: 1 + i / 1e5, tsNs: BigInt(i) });
const publishPrice = (bus: { publish: DualBusFixture['buses'][number]['publish'] }, i: number) =>
  bus.publish({ engine: 'marketdata', topic: topics.price.update('EURUSD'), payload: price(i) });

let fixture: DualBusFixture | null = null;
afterEach(async () => {
  await fixture?.stop();
  fixture = null;
});

describe('Redis bus under faults (real redis-server processes)', () => {
  it('survives a bus restart mid-stream: nothing lost, no duplicate to handlers, zero failed XREADGROUP/XREAD', async () => {
    fixture = await DualBusFixture.start({ appendonly: true });
    const [publisher, consumer] = [await fixture.bus(), await fixture.bus()];
    const seen = new Map<string, number>();
    await consumer.subscribe('analytics', 'price.*', (e) => void seen.set(e.id, (seen.get(e.id) ?? 0) + 1));
    const sent: string[] = [];
    let failedBeforeRestart = 0;
    const publishing = (async () => {
      for (let i = 0; i < 6_000; i++) {
        sent.push(publishPrice(publisher, i).id);
        if (i % 100 === 99) await sleep(5);
      }
    })();
    await waitFor(() => seen.size > 1_000, 'traffic before the restart');
    const before = await fixture.marketData.commandStats();
    failedBeforeRestart = (before.xreadgroup?.failed_calls ?? 0) + (before.xread?.failed_calls ?? 0);
    await fixture.marketData.restart();
    await publishing;
    await waitFor(() => seen.size === 6_000, 'every message after the restart', 30_000);
    await sleep(1_500);
    expect(new Set(sent).size).toBe(6_000);
    expect([...seen.values()].every((count) => count === 1)).toBe(true);
    expect(seen.size).toBe(6_000);
    const after = await fixture.marketData.commandStats();
    const failedAfter = (after.xreadgroup?.failed_calls ?? 0) + (after.xread?.failed_calls ?? 0);
    expect(failedBeforeRestart + failedAfter).toBe(0);
    expect(consumer.counters().failedReads).toBe(0);
  });

  it("claims a killed consumer process's pending messages and handles them in another", async () => {
    fixture = await DualBusFixture.start();
    const script = fileURLToPath(new URL('../testing/consumer-process.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', script, fixture.marketData.url, fixture.engineLogic.url, fixture.prefix, '20'],
      {
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const childHandled = new Set<string>();
    try {
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        for (const match of output.matchAll(/handled (\S+)\n/g)) childHandled.add(match[1]!);
      });
      await waitFor(() => output.includes('ready'), 'the consumer process to start', 20_000);
      // Only the doomed worker is in the group yet, so it takes the whole batch.
      const publisher = await fixture.bus();
      const sent = Array.from({ length: 300 }, (_, i) => publishPrice(publisher, i).id);
      await waitFor(() => childHandled.size >= 5, 'the doomed worker to be mid-batch');
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      const survivor = await fixture.bus({ claimIdleMs: 500 });
      const survivorSeen = new Set<string>();
      await survivor.subscribe('worker', 'price.*', (e) => void survivorSeen.add(e.id));
      const stream = streamKey(fixture.prefix, 'price', 'NORMAL');
      const pendingOfDead = async () => {
        const reply = await fixture!.marketData.cli([
          'XPENDING',
          stream,
          'worker',
          '-',
          '+',
          '1000',
          'doomed-worker',
        ]);
        return reply.trim() === '' ? 0 : reply.trim().split('\n').length / 4;
      };
      expect(await pendingOfDead()).toBeGreaterThan(0);
      await waitFor(
        () => sent.every((id) => survivorSeen.has(id) || childHandled.has(id)),
        'every message handled by someone',
        20_000,
      );
      expect(survivor.counters().claimed).toBeGreaterThan(0);
      expect(await pendingOfDead()).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('keeps order across pipelined batches while the Lua script is first loaded, and after SCRIPT FLUSH', async () => {
    fixture = await DualBusFixture.start();
    const [publisher, consumer] = [await fixture.bus(), await fixture.bus()];
    const got: number[] = [];
    await consumer.subscribe(
      'strategy',
      'price.*',
      (e) => void got.push(Number((e.payload as { tsNs: bigint }).tsNs)),
    );
    // Many small batches in quick succession: several are in flight before the first completes.
    let i = 0;
    for (let tick = 0; tick < 200; tick++) {
      if (tick === 100) await fixture.marketData.cli(['SCRIPT', 'FLUSH']);
      for (let k = 0; k < 20; k++) publishPrice(publisher, i++);
      await new Promise((resolve) => setImmediate(resolve));
    }
    await waitFor(() => got.length >= 4_000, 'every message');
    await sleep(200);
    expect(got).toEqual(Array.from({ length: 4_000 }, (_, n) => n));
  });

  it('buffers while a bus is down for seconds, then delivers everything in order', async () => {
    fixture = await DualBusFixture.start({ appendonly: true });
    const [publisher, consumer] = [await fixture.bus(), await fixture.bus()];
    const got: number[] = [];
    await consumer.subscribe(
      'strategy',
      'price.*',
      (e) => void got.push(Number((e.payload as { tsNs: bigint }).tsNs)),
    );
    for (let i = 0; i < 100; i++) publishPrice(publisher, i);
    await waitFor(() => got.length === 100, 'traffic before the outage');
    await fixture.marketData.kill();
    for (let i = 100; i < 2_100; i++) {
      publishPrice(publisher, i);
      if (i % 200 === 0) await sleep(300);
    }
    expect(publisher.counters().buffered).toBeGreaterThan(0);
    await fixture.marketData.restart();
    await waitFor(() => got.length === 2_100, 'the buffered messages after reconnect', 30_000);
    expect(got).toEqual(Array.from({ length: 2_100 }, (_, i) => i));
    expect(publisher.counters().buffered).toBe(0);
    expect(publisher.counters().bufferDropped).toBe(0);
  });

  it('counts what overflows the outage buffer (drop-oldest) and rejects when the policy says so', async () => {
    fixture = await DualBusFixture.start();
    const dropping = await fixture.bus({ outageBufferSize: 50, overflowPolicy: 'drop-oldest' });
    const rejecting = await fixture.bus({ outageBufferSize: 50, overflowPolicy: 'reject' });
    await fixture.marketData.kill();
    for (let i = 0; i < 80; i++) publishPrice(dropping, i);
    expect(dropping.counters().buffered).toBe(50);
    expect(dropping.counters().bufferDropped).toBe(30);
    for (let i = 0; i < 50; i++) publishPrice(rejecting, i);
    expect(() => publishPrice(rejecting, 50)).toThrow(/buffer full \(50 messages\)/);
    expect(rejecting.counters().bufferDropped).toBe(1);
  });

  it('dead-letters malformed, undecodable, invalid and oversized entries written with redis-cli, and keeps consuming', async () => {
    fixture = await DualBusFixture.start();
    const bus = await fixture.bus({ maxMessageBytes: 2_000 });
    const got: Envelope[] = [];
    await bus.subscribe('risk', 'price.*', (e) => void got.push(e));
    const stream = streamKey(fixture.prefix, 'price', 'NORMAL');
    const topic = topics.price.update('EURUSD');
    const valid = jsonCodec.encode({ ...publishPriceEnvelope(), topic }) as string;
    await fixture.marketData.cli(['XADD', stream, '*', 'garbage', 'entry']);
    await fixture.marketData.cli(['XADD', stream, '*', 't', topic, 'd', '{not json']);
    await fixture.marketData.cli([
      'XADD',
      stream,
      '*',
      't',
      topic,
      'd',
      valid.replace('"price":1.5', '"price":"NaN"'),
    ]);
    await fixture.marketData.cli(['XADD', stream, '*', 't', topic, 'd', 'x'.repeat(5_000)]);
    publishPrice(bus, 7);
    await waitFor(() => got.length === 1, 'the valid message after the bad ones');
    const letters = await bus.deadLetters();
    const reasons = letters.map((l) => l.reason).join('\n');
    expect(letters).toHaveLength(4);
    expect(reasons).toMatch(/malformed entry: expected fields "t" \(topic\) and "d" \(data\)/);
    expect(reasons).toMatch(/undecodable json/);
    expect(reasons).toMatch(/invalid PRICE_UPDATE payload: payload\.price/);
    expect(reasons).toMatch(/oversized entry: 5000 bytes > maxMessageBytes 2000/);
    expect(Number(await fixture.marketData.cli(['XLEN', `${fixture.prefix}:market_data:dead_letter`]))).toBe(
      4,
    );
  });

  it('delivers the valid messages of a multi-message entry and dead-letters only the bad one', async () => {
    fixture = await DualBusFixture.start();
    const bus = await fixture.bus();
    const got: string[] = [];
    await bus.subscribe('risk', 'price.*', (e) => void got.push(e.id));
    const good = { ...publishPriceEnvelope(), id: 'good-1' };
    const bad = { ...publishPriceEnvelope(), id: 'bad-1', priority: 'SOMETIMES' };
    const data = `[${jsonCodec.encode(good)},${JSON.stringify({ ...bad, eventTimeNs: '1', publishTimeNs: '1', payload: { symbol: 'EURUSD', price: 1, tsNs: '1' } })}]`;
    await fixture.marketData.cli([
      'XADD',
      streamKey(fixture.prefix, 'price', 'NORMAL'),
      '*',
      't',
      'price.*',
      'd',
      data,
    ]);
    await waitFor(
      async () => got.length === 1 && (await bus.deadLetters()).length === 1,
      'one delivery and one dead letter',
    );
    const [letter] = await bus.deadLetters();
    expect(got).toEqual(['good-1']);
    expect(letter!.reason).toBe('invalid envelope: envelope.priority: unknown priority "SOMETIMES"');
    expect(letter!.entryId).toMatch(/#1$/);
  });

  it('hands a message to the handler once even when its entry is written twice (idempotent by id)', async () => {
    fixture = await DualBusFixture.start();
    const bus = await fixture.bus();
    const got: string[] = [];
    await bus.subscribe('portfolio', 'price.*', (e) => void got.push(e.id));
    const envelope = publishPriceEnvelope();
    const data = jsonCodec.encode(envelope) as string;
    const stream = streamKey(fixture.prefix, 'price', 'NORMAL');
    await fixture.marketData.cli(['XADD', stream, '*', 't', envelope.topic, 'd', data]);
    await fixture.marketData.cli(['XADD', stream, '*', 't', envelope.topic, 'd', data]);
    publishPrice(bus, 1);
    await waitFor(() => got.length === 2, 'two distinct messages');
    await sleep(200);
    expect(got[0]).toBe(envelope.id);
    expect(bus.counters().duplicatesSkipped).toBe(1);
  });

  it('holds at most two connections per bus per process whatever the number of engines, and trims with MAXLEN ~', async () => {
    fixture = await DualBusFixture.start();
    const bus = await fixture.bus({ maxLen: 1_000 }, 'many-engines');
    for (const engine of ['risk', 'vpin', 'features', 'factor', 'websocket', 'strategy'])
      await bus.subscribe(engine, '*', () => {});
    await bus.request('strategy', 'nobody', {}, { timeoutMs: 100 }).catch(() => undefined);
    for (let i = 0; i < 40_000; i++) publishPrice(bus, i);
    await bus.flush();
    for (const server of [fixture.marketData, fixture.engineLogic]) {
      const clients = (await server.cli(['CLIENT', 'LIST']))
        .split('\n')
        .filter((line) => line.includes('name=nautilus:many-engines:'));
      expect(clients.length).toBe(2);
    }
    const length = async () =>
      Number(await fixture!.marketData.cli(['XLEN', streamKey(fixture!.prefix, 'price', 'NORMAL')]));
    // Retention never trims what a group has not consumed: the stream shrinks once the six have read it.
    await waitFor(async () => (await length()) < 1_200, 'the stream trimmed back near maxLen');
    expect(await length()).toBeGreaterThanOrEqual(1_000);
  });

  it('re-creates a lost group (FLUSHALL) from id 0, counts it as an alert, and keeps delivering', async () => {
    fixture = await DualBusFixture.start({ appendonly: false });
    const bus = await fixture.bus();
    const got: string[] = [];
    await bus.subscribe('ml', 'price.*', (e) => void got.push(e.id));
    publishPrice(bus, 1);
    await waitFor(() => got.length === 1, 'first delivery');
    await fixture.marketData.flushall();
    const after = Array.from({ length: 20 }, (_, i) => publishPrice(bus, i).id);
    await waitFor(() => after.every((id) => got.includes(id)), 'deliveries after the flush', 15_000);
    expect(bus.counters().groupRecreations).toBeGreaterThanOrEqual(1);
  });

  it("acks an input only once the handler's own publishes are confirmed, without redelivering it meanwhile", async () => {
    fixture = await DualBusFixture.start({ appendonly: true });
    const [publisher, consumer, listener] = [await fixture.bus(), await fixture.bus(), await fixture.bus()];
    let handled = 0;
    await consumer.subscribe('risk', 'price.*', (e) => {
      handled++;
      consumer.publish({
        engine: 'risk',
        topic: topics.risk.alert('price'),
        payload: { kind: 'price', message: e.id, tsNs: 1n },
      });
    });
    const alerts: string[] = [];
    await listener.subscribe(
      'audit',
      'risk.alert.*',
      (e) => void alerts.push((e.payload as { message: string }).message),
    );
    await fixture.engineLogic.kill();
    const sent = Array.from({ length: 10 }, (_, i) => publishPrice(publisher, i).id);
    await waitFor(() => handled === 10, 'the inputs handled while the engine-logic bus is down');
    const stream = streamKey(fixture.prefix, 'price', 'NORMAL');
    const pendingOf = async () =>
      (await fixture!.marketData.cli(['XPENDING', stream, 'risk', '-', '+', '100']))
        .trim()
        .split('\n')
        .filter(Boolean);
    // claimIdleMs is 500: four claim windows pass with the outputs unconfirmed.
    await sleep(2_000);
    // The ten were published together: they share stream entries (up to 16 messages each).
    const pending = await pendingOf();
    expect(pending.length).toBeGreaterThanOrEqual(4);
    // XPENDING rows are id, consumer, idle ms, deliveries: still delivered once each.
    for (let row = 0; row < pending.length; row += 4) expect(pending[row + 3]).toBe('1');
    await fixture.engineLogic.restart();
    await waitFor(() => alerts.length === 10, 'the outputs once the bus is back', 30_000);
    await waitFor(async () => (await pendingOf()).length === 0, 'the inputs acked after their outputs');
    expect(handled).toBe(10);
    expect(alerts.sort()).toEqual([...sent].sort());
  });

  it('refuses at publish what every consumer would dead-letter: over maxMessageBytes, or not encodable', async () => {
    fixture = await DualBusFixture.start();
    const bus = await fixture.bus({ maxMessageBytes: 4_096 });
    const publish = (payload: unknown) => () =>
      bus.publish({ engine: 'marketdata', topic: topics.price.update('EURUSD'), payload });
    expect(publish({ note: 'x'.repeat(5_000) })).toThrow(
      /price\.update\.EURUSD: message of \d+ bytes is over bus\.maxMessageBytes \(4096\)/,
    );
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(publish({ deep })).toThrow(/payload cannot be encoded/);
    expect(publish(price(1))).not.toThrow();
    expect(bus.counters().published).toBe(1);
  });
});

function publishPriceEnvelope(): Envelope {
  return {
    id: `cli-${Date.now()}`,
    type: 'PRICE_UPDATE',
    topic: topics.price.update('EURUSD'),
    source: { engine: 'redis-cli', instance: 'test' },
    priority: 'NORMAL',
    eventTimeNs: 1n,
    publishTimeNs: 1n,
    schemaVersion: 1,
    payload: { symbol: 'EURUSD', price: 1.5, tsNs: 1n },
  };
}
