import { MemoryBus } from '../../src/bus/memory/memory-bus.ts';
import type { Handler } from '../../src/bus/message-bus.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { topics } from '../../src/domain/topics.ts';

export interface MemoryResult {
  messages: number;
  busPerS: number;
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
  const started = process.hrtime.bigint();
  for (let i = 0; i < messages; i++) {
    bus.publish({ engine: 'bench', topic, payload: { symbol: 'AAPL', price: 100 + (i & 63) / 100, tsNs } });
  }
  // Publishing hands messages to the broker; idle() resolves when every handler has run.
  await bus.idle();
  const busS = Number(process.hrtime.bigint() - started) / 1e9;
  await bus.stop();
  if (calls !== messages) throw new Error(`memory bus delivered ${calls} of ${messages} messages`);

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

  return { messages, busPerS: messages / busS, rawLoopPerS: messages / rawS };
}
