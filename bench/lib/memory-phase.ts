import { MemoryBus } from '../../src/bus/memory/memory-bus.ts';
import type { Handler } from '../../src/bus/message-bus.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { topics } from '../../src/domain/topics.ts';

/** Messages a feed publishes between two yields to the event loop. */
export const FEED_CHUNK = 10_000;

export interface MemoryResult {
  messages: number;
  busPerS: number;
  /** Every timed feed run, slowest first (busPerS is the median). */
  feedRuns: number[];
  /** Everything published in one synchronous burst before the first delivery. */
  burstPerS: number;
  /** The same handler called directly in a loop with the same payloads: the ceiling. */
  rawLoopPerS: number;
}

export async function runMemoryPhase(messages: number): Promise<MemoryResult> {
  const clock = new LiveClock();
  const topic = topics.price.update('AAPL');
  let calls = 0;
  const handler: Handler = (envelope) => {
    if (envelope.topic === topic) calls++;
  };

  const bus = new MemoryBus({ clock });
  await bus.start();
  await bus.subscribe('bench', topic, handler);
  // One event timestamp for all: a clock read per message would measure the clock, not the bus.
  const tsNs = clock.nowNs();
  const timed = async (chunk: number, count = messages): Promise<number> => {
    calls = 0;
    const started = process.hrtime.bigint();
    for (let i = 0; i < count; i++) {
      bus.publish({ engine: 'bench', topic, payload: { symbol: 'AAPL', price: 100 + (i & 63) / 100, tsNs } });
      // idle() resolves once every handler has run: the time covers publish *and* delivery.
      if (i % chunk === chunk - 1) await bus.idle();
    }
    await bus.idle();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (calls !== count) throw new Error(`memory bus delivered ${calls} of ${count} messages`);
    return count / seconds;
  };
  // Warm-up: let the JIT compile the publish and dispatch paths before anything is timed.
  await timed(FEED_CHUNK, Math.min(messages, 200_000));
  // A feed publishes as events arrive and yields to the event loop; one burst of every message
  // before any delivery keeps them all alive at once and mostly measures the garbage collector.
  // This machine's speed drifts between runs (measured 1.4-5.9 M/s for the same code): median of 3.
  const feedRuns: number[] = [];
  for (let run = 0; run < 3; run++) feedRuns.push(await timed(FEED_CHUNK));
  feedRuns.sort((a, b) => a - b);
  const busPerS = feedRuns[1]!;
  const burstPerS = await timed(messages);
  await bus.stop();

  calls = 0;
  const source = { engine: 'bench', instance: bus.instanceId };
  const rawStarted = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) {
    handler({
      id: String(i),
      type: 'PRICE_UPDATE',
      topic,
      source,
      priority: 'NORMAL',
      eventTimeNs: tsNs,
      publishTimeNs: tsNs,
      schemaVersion: 1,
      payload: { symbol: 'AAPL', price: 100 + (i & 63) / 100, tsNs },
    });
  }
  const rawS = Number(process.hrtime.bigint() - rawStarted) / 1e9;
  if (calls !== messages) throw new Error('raw loop miscounted');

  return { messages, busPerS, feedRuns, burstPerS, rawLoopPerS: messages / rawS };
}
