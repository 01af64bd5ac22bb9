import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { MessageBus } from '../../src/bus/message-bus.ts';
import type { LiveClock } from '../../src/core/live-clock.ts';
import { topics } from '../../src/domain/topics.ts';
import { ArrivalCounter } from './arrival-counter.ts';
import { type BusPair, Gate, PRICE_TOPIC, publishPrice } from './bus-pair.ts';
import type { PublisherCommand } from './publisher-process.ts';

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;

/**
 * Publishes `messages` price updates as fast as the subscriber takes them, with at most `window`
 * outstanding (so streams never grow past MAXLEN and nothing is trimmed unread).
 */
async function pump(
  bus: MessageBus,
  counter: ArrivalCounter,
  messages: number,
  window: number,
  clock: LiveClock,
) {
  const base = counter.count;
  for (let sent = 0; sent < messages; ) {
    const room = Math.min(window - (sent - (counter.count - base)), messages - sent);
    const tsNs = clock.nowNs();
    for (let i = 0; i < room; i++) publishPrice(bus, sent + i, tsNs);
    sent += room;
    await counter.waitFor(base + Math.max(0, sent - window / 2));
  }
  await counter.waitFor(base + messages);
}

/** End to end: publish, XADD, XREADGROUP, handler, XACK, both buses in this process. */
export async function throughputPhase(
  { clock, pub, sub }: BusPair,
  opts: {
    messages: number;
    warmup: number;
    window: number;
    around?: (measure: () => Promise<void>) => Promise<void>;
  },
): Promise<number> {
  const counter = new ArrivalCounter();
  const subscription = await sub.subscribe('bench-throughput', PRICE_TOPIC, () => counter.add());
  try {
    await pump(pub, counter, opts.warmup, opts.window, clock);
    let elapsed = 0;
    const measure = async () => {
      const started = process.hrtime.bigint();
      await pump(pub, counter, opts.messages, opts.window, clock);
      elapsed = seconds(started);
    };
    await (opts.around ? opts.around(measure) : measure());
    return opts.messages / elapsed;
  } finally {
    await subscription.unsubscribe();
  }
}

/** Publisher alone: publish and wait until Redis has it, on a topic nobody reads. */
export async function publishOnlyPhase(
  { clock, pub }: BusPair,
  opts: { messages: number; window: number },
): Promise<number> {
  const topic = topics.volume.update('AAPL');
  const started = process.hrtime.bigint();
  for (let sent = 0; sent < opts.messages; ) {
    const tsNs = clock.nowNs();
    const end = Math.min(opts.messages, sent + opts.window);
    for (; sent < end; sent++) {
      pub.publish({ engine: 'bench-pub', topic, payload: { symbol: 'AAPL', volume: sent, tsNs } });
    }
    await pub.flush();
  }
  return opts.messages / seconds(started);
}

/** Subscriber alone: a backlog already in Redis (below MAXLEN), drained by one group. */
export async function consumeOnlyPhase(
  { clock, pub, sub }: BusPair,
  opts: { messages: number; window: number },
): Promise<number> {
  const counter = new ArrivalCounter();
  const gate = new Gate();
  let held = false;
  const subscription = await sub.subscribe('bench-consume', PRICE_TOPIC, async () => {
    if (!held) {
      held = true;
      await gate.opened;
    }
    counter.add();
  });
  try {
    for (let sent = 0; sent < opts.messages; ) {
      const tsNs = clock.nowNs();
      const end = Math.min(opts.messages, sent + opts.window);
      for (; sent < end; sent++) publishPrice(pub, sent, tsNs);
      await pub.flush();
    }
    const started = process.hrtime.bigint();
    gate.open();
    await counter.waitFor(opts.messages);
    return opts.messages / seconds(started);
  } finally {
    await subscription.unsubscribe();
  }
}

/**
 * End to end with the publisher in a child process, as in a deployment: each side has its own
 * event loop. Flow control as in `pump`: the child is told to publish more as messages arrive.
 */
export async function twoProcessThroughputPhase(
  { sub }: BusPair,
  opts: {
    marketDataUrl: string;
    engineLogicUrl: string;
    prefix: string;
    codec: string;
    messages: number;
    window: number;
  },
): Promise<number> {
  const counter = new ArrivalCounter();
  const subscription = await sub.subscribe('bench-two-process', PRICE_TOPIC, () => counter.add());
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      new URL('./publisher-process.ts', import.meta.url).pathname,
      opts.marketDataUrl,
      opts.engineLogicUrl,
      opts.prefix,
      opts.codec,
    ],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const send = (command: PublisherCommand) => child.send(command);
  try {
    const exited = once(child, 'exit');
    const ready = await Promise.race([once(child, 'message').then(() => true), exited.then(() => false)]);
    if (!ready) throw new Error('the publisher process exited before it was ready');
    const step = opts.window / 2;
    const started = process.hrtime.bigint();
    let requested = Math.min(opts.window, opts.messages);
    send({ publish: requested });
    while (requested < opts.messages) {
      await counter.waitFor(requested - step);
      const more = Math.min(step, opts.messages - requested);
      send({ publish: more });
      requested += more;
    }
    await counter.waitFor(opts.messages);
    const elapsed = seconds(started);
    send({ stop: true });
    await exited;
    return opts.messages / elapsed;
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
    await subscription.unsubscribe();
  }
}
