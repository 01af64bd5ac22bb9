import { createClient } from 'redis';
import { topics } from '../../src/domain/topics.ts';
import { ArrivalCounter } from './arrival-counter.ts';
import { type BusPair, Gate, PRICE_TOPIC, publishPrice } from './bus-pair.ts';
import { percentiles } from './percentiles.ts';

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  p999Ms: number;
  maxMs: number;
}

function summarize(samplesMs: Float64Array): LatencySummary {
  const [p50Ms, p99Ms, p999Ms, maxMs] = percentiles(samplesMs, [0.5, 0.99, 0.999, 1]);
  return { samples: samplesMs.length, p50Ms: p50Ms!, p99Ms: p99Ms!, p999Ms: p999Ms!, maxMs: maxMs! };
}

/**
 * A steady rate on a schedule (the messages due so far are published each millisecond tick);
 * latency is handler time minus envelope.publishTimeNs, both from the same LiveClock.
 */
export async function latencyPhase(
  { clock, pub, sub }: BusPair,
  opts: { ratePerS: number; seconds: number; warmupSeconds: number },
): Promise<LatencySummary> {
  const total = Math.round(opts.ratePerS * (opts.seconds + opts.warmupSeconds));
  const samplesMs = new Float64Array(Math.round(opts.ratePerS * opts.seconds) + 1_000);
  let recorded = 0;
  let recordFromNs = 2n ** 63n; // set when publishing starts
  const counter = new ArrivalCounter();
  const subscription = await sub.subscribe('bench-latency', PRICE_TOPIC, (envelope) => {
    const latencyNs = clock.nowNs() - envelope.publishTimeNs;
    if (envelope.publishTimeNs >= recordFromNs && recorded < samplesMs.length)
      samplesMs[recorded++] = Number(latencyNs) / 1e6;
    counter.add();
  });
  try {
    const started = performance.now();
    recordFromNs = clock.nowNs() + BigInt(Math.round(opts.warmupSeconds * 1e9));
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) * opts.ratePerS) / 1_000));
        const tsNs = clock.nowNs();
        for (; sent < due; sent++) publishPrice(pub, sent, tsNs);
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 1);
    });
    await counter.waitFor(total);
    return summarize(samplesMs.subarray(0, recorded));
  } finally {
    await subscription.unsubscribe();
  }
}

/**
 * A FLASH_CRASH message behind a NORMAL backlog on the same lane and topic family, for the same
 * group. The first backlog message's handler is held until the backlog and then the flash
 * message are in Redis, so the consumer is really behind; the flash message's latency runs from
 * its publish (including its XADD) to its handler.
 */
export async function flashCrashPhase(
  { clock, pub, sub }: BusPair,
  opts: { backlog: number; repeats: number },
): Promise<LatencySummary & { minBehind: number }> {
  const topic = topics.marketData.trade('AAPL');
  const counter = new ArrivalCounter();
  const samplesMs = new Float64Array(opts.repeats);
  let flashes = 0;
  let minBehind = Number.POSITIVE_INFINITY;
  let gate: Gate | null = null;
  const subscription = await sub.subscribe('bench-flash', topics.pattern('market_data'), async (envelope) => {
    if (envelope.priority === 'FLASH_CRASH') {
      samplesMs[flashes++] = Number(clock.nowNs() - envelope.publishTimeNs) / 1e6;
    } else if (gate) {
      await gate.opened;
    }
    counter.add();
  });
  try {
    for (let repeat = 0; repeat < opts.repeats; repeat++) {
      const base = counter.count;
      gate = new Gate();
      const tsNs = clock.nowNs();
      for (let i = 0; i < opts.backlog; i++) {
        pub.publish({
          engine: 'bench-pub',
          topic,
          payload: { kind: 'trade', symbol: 'AAPL', price: 100, size: 1 + (i & 7), tsNs },
        });
      }
      await pub.flush();
      pub.publish({
        engine: 'bench-pub',
        topic,
        priority: 'FLASH_CRASH',
        payload: { kind: 'trade', symbol: 'AAPL', price: 50, size: 1_000, tsNs: clock.nowNs() },
      });
      await pub.flush();
      minBehind = Math.min(minBehind, opts.backlog - (counter.count - base));
      const held = gate;
      gate = null;
      held.open();
      await counter.waitFor(base + opts.backlog + 1);
    }
    return { ...summarize(samplesMs.subarray(0, flashes)), minBehind };
  } finally {
    await subscription.unsubscribe();
  }
}

/**
 * The same steady rate with a bare node-redis client: XADD on one connection, XREAD BLOCK on
 * another, no bus. What this machine's Redis round trips cost, measured in the same run.
 */
export async function rawLatencyPhase(
  url: string,
  opts: { ratePerS: number; seconds: number; warmupSeconds: number },
): Promise<LatencySummary> {
  const options = { url, RESP: 2 as const, commandOptions: { timeout: 0 } };
  const writer = createClient(options);
  const reader = createClient(options);
  await Promise.all([writer.connect(), reader.connect()]);
  const nowMs = () => Number(process.hrtime.bigint()) / 1e6;
  const total = Math.round(opts.ratePerS * (opts.seconds + opts.warmupSeconds));
  const skip = Math.round(opts.ratePerS * opts.warmupSeconds);
  const samples: number[] = [];
  let running = true;
  let last = '0-0';
  try {
    const reading = (async () => {
      while (running) {
        const reply = (await reader.sendCommand([
          'XREAD',
          'COUNT',
          '1000',
          'BLOCK',
          '100',
          'STREAMS',
          RAW_KEY,
          last,
        ])) as Array<[string, Array<[string, string[]]>]> | null;
        for (const [, entries] of reply ?? []) {
          for (const [id, fields] of entries) {
            last = id;
            samples.push(nowMs() - Number(fields[1]));
          }
        }
      }
    })();
    const started = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const tick = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) * opts.ratePerS) / 1_000));
        for (; sent < due; sent++) void writer.sendCommand(['XADD', RAW_KEY, '*', 't', String(nowMs())]);
        if (sent >= total) {
          clearInterval(tick);
          resolve();
        }
      }, 1);
    });
    while (samples.length < total) await new Promise((resolve) => setTimeout(resolve, 10));
    running = false;
    await reading;
    return summarize(Float64Array.from(samples.slice(skip)));
  } finally {
    await writer.sendCommand(['DEL', RAW_KEY]);
    await Promise.all([writer.close(), reader.close()]);
  }
}

const RAW_KEY = 'bench:raw-latency';
