import { NautilusError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { familyOf } from '../../domain/topics.ts';
import type { BusConfig } from '../bus-config.ts';
import type { BusCounters } from '../message-bus.ts';
import type { Codec } from './codec.ts';
import type { LaneConnection } from './lane-connection.ts';
import { isConnectionError, isNoScript } from './redis-errors.ts';
import { RetentionTracker, retentionCall, XADD_BATCH } from './retention.ts';
import { streamOfTopic } from './stream-keys.ts';

const MAX_BATCH = 1_000;
/** Batches sent before the first is answered: the client encodes while Redis runs the previous one. */
const MAX_IN_FLIGHT = 3;
/** A batch Redis refuses (not a lost connection) this many times is dropped and counted. */
const MAX_REFUSALS = 5;
const RETRY_DELAY_MS = 50;
/**
 * Messages for the same stream published together share one stream entry (an array), up to this
 * many: Redis, the client's protocol parsing and XACK then work per entry, not per message.
 * Readers size their reads in messages (see StreamConsumer), so a round stays short.
 */
export const MAX_MESSAGES_PER_ENTRY = 16;

interface Outgoing {
  stream: string;
  topic: string;
  data: string | Buffer;
}

/**
 * Publishes to one lane. Every message goes through one ordered queue: normally it is drained at
 * once in batches (one Lua call per batch; batches pipelined on one connection, so Redis runs them
 * in order); while the lane is down the same queue is the bounded outage buffer, flushed in order
 * on reconnect. After a failed batch, everything from the first unconfirmed message is resent: a
 * message may reach Redis twice (consumers drop the copy by id), never out of order or not at all.
 */
export class StreamPublisher {
  /** Confirmed slots are cleared at once: a retained payload would be promoted and cost a major GC. */
  private readonly queue: Array<Outgoing | undefined> = [];
  /** Index of the first message not yet confirmed by Redis. */
  private head = 0;
  /** Index of the first message not yet sent. */
  private sent = 0;
  private inFlight = 0;
  /** Bumped on failure: completions of batches sent before it no longer move `head`. */
  private epoch = 0;
  private refusals = 0;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly drainedWaiters: Array<() => void> = [];
  /** Messages ever queued, and ever out of the queue (confirmed by Redis or dropped): see settled(). */
  private enqueued = 0;
  private released = 0;
  private readonly settledWaiters: Array<{ mark: number; resolve: () => void }> = [];
  private readonly retention: RetentionTracker;

  constructor(
    private readonly connection: LaneConnection,
    private readonly config: BusConfig,
    private readonly codec: Codec,
    private readonly counters: BusCounters,
    private readonly logger: Logger,
  ) {
    this.retention = new RetentionTracker(connection, config, counters, logger);
    // The script is loaded on every (re)connection before any batch can be sent on it (one
    // connection runs commands in order): an inline EVAL fallback after NOSCRIPT would let a later
    // batch overtake the one being retried (seen: entries written out of order on first use).
    connection.onCommandsReady(() => {
      this.loadScript();
      this.schedule();
    });
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  enqueue(envelope: Envelope): void {
    const data = this.encoded(envelope);
    if (this.queued >= this.config.outageBufferSize) {
      this.counters.bufferDropped++;
      if (this.config.overflowPolicy === 'reject') {
        throw new NautilusError(
          'BUS_OVERFLOW',
          `${this.connection.lane} bus buffer full (${this.config.outageBufferSize} messages): ${envelope.topic} rejected`,
        );
      }
      if (this.config.overflowPolicy === 'drop-newest') return;
      this.dropOldest();
    }
    this.queue.push({
      stream: streamOfTopic(this.config.prefix, envelope.topic, envelope.priority),
      topic: envelope.topic,
      data,
    });
    this.enqueued++;
    this.schedule();
  }

  /**
   * The wire form, refused at the publisher when no consumer could take it (consumers dead-letter
   * entries over maxMessageBytes): the caller hears why at once instead of waiting for a reply
   * that never comes.
   */
  private encoded(envelope: Envelope): string | Buffer {
    let data: string | Buffer;
    try {
      data = this.codec.encode(envelope);
    } catch (error) {
      throw new NautilusError(
        'BAD_REQUEST',
        `${envelope.topic}: payload cannot be encoded: ${(error as Error).message}`,
      );
    }
    const limit = this.config.maxMessageBytes;
    const bytes =
      typeof data === 'string' && data.length * 3 <= limit ? data.length : Buffer.byteLength(data);
    if (bytes > limit) {
      throw new NautilusError(
        'BAD_REQUEST',
        `${envelope.topic}: message of ${bytes} bytes is over bus.maxMessageBytes (${limit})`,
      );
    }
    return data;
  }

  /**
   * Resolves once every message queued before the call is confirmed by Redis (or dropped and
   * counted). Unlike drained(), later publishes do not hold it back, so a consumer can ack its input
   * only after the handler's own publishes are safe without waiting for a busy lane to go idle.
   */
  settled(): Promise<void> {
    const mark = this.enqueued;
    if (this.released >= mark) return Promise.resolve();
    return new Promise((resolve) => this.settledWaiters.push({ mark, resolve }));
  }

  private release(count: number): void {
    this.released += count;
    while (this.settledWaiters.length > 0 && this.settledWaiters[0]!.mark <= this.released)
      this.settledWaiters.shift()!.resolve();
  }

  /** Resolves when the queue is empty (everything acknowledged by Redis or counted as dropped). */
  drained(): Promise<void> {
    if (this.queued === 0) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  /** Sends on the next turn of the event loop, so the current tick's publishes share batches. */
  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.pump();
    });
  }

  private pump(): void {
    while (
      this.inFlight < MAX_IN_FLIGHT &&
      this.sent < this.queue.length &&
      this.connection.commands.isReady
    ) {
      const start = this.sent;
      const batch = this.queue.slice(start, start + MAX_BATCH) as Outgoing[];
      this.sent += batch.length;
      this.inFlight++;
      const epoch = this.epoch;
      this.send(batch).then(
        () => this.confirmed(epoch, start, batch.length),
        (error: unknown) => this.failed(epoch, start, batch.length, error),
      );
    }
  }

  private confirmed(epoch: number, start: number, length: number): void {
    this.inFlight--;
    if (epoch === this.epoch && start === this.head) {
      this.queue.fill(undefined, start, start + length);
      this.head += length;
      this.release(length);
      this.refusals = 0;
      this.compact();
    }
    this.afterCompletion();
  }

  private failed(epoch: number, start: number, length: number, error: unknown): void {
    this.inFlight--;
    if (epoch === this.epoch) {
      this.epoch++;
      if (isNoScript(error)) {
        // SCRIPT FLUSH on the server: load it again; the batches are resent from the first unconfirmed.
        this.loadScript();
      } else if (!isConnectionError(error) && ++this.refusals >= MAX_REFUSALS && start === this.head) {
        this.logger.error(
          { lane: this.connection.lane, err: (error as Error).message, dropped: length },
          'Redis refused a publish batch repeatedly; dropped and counted',
        );
        this.counters.bufferDropped += length;
        this.queue.fill(undefined, start, start + length);
        this.head += length;
        this.release(length);
        this.refusals = 0;
      }
      this.sent = this.head;
    }
    this.afterCompletion(true);
  }

  private afterCompletion(retry = false): void {
    if (this.queued === 0) {
      for (const resolve of this.drainedWaiters.splice(0)) resolve();
      return;
    }
    if (!retry) {
      this.pump();
      return;
    }
    if (this.inFlight > 0 || this.retryTimer) return;
    // Resend from the first unconfirmed message once the lane is back (onCommandsReady also pumps).
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.pump();
    }, RETRY_DELAY_MS);
  }

  private dropOldest(): void {
    this.queue[this.head] = undefined;
    this.head++;
    this.release(1);
    if (this.sent < this.head) this.sent = this.head;
  }

  private compact(): void {
    if (this.head > 4_096 && this.head * 2 > this.queue.length && this.inFlight === 0) {
      this.queue.splice(0, this.head);
      this.sent -= this.head;
      this.head = 0;
    }
  }

  /** Groups a batch into stream entries: per stream, in order, bounded in count and bytes. */
  private entries(batch: Outgoing[]): Outgoing[] {
    const byStream = new Map<string, Outgoing[]>();
    for (const m of batch) {
      const list = byStream.get(m.stream);
      if (list) list.push(m);
      else byStream.set(m.stream, [m]);
    }
    const budget = this.config.maxMessageBytes / 2;
    const entries: Outgoing[] = [];
    for (const [stream, list] of byStream) {
      for (let i = 0; i < list.length; ) {
        let j = i + 1;
        let bytes = list[i]!.data.length;
        while (j < list.length && j - i < MAX_MESSAGES_PER_ENTRY && bytes + list[j]!.data.length <= budget) {
          bytes += list[j]!.data.length;
          j++;
        }
        const group = list.slice(i, j);
        entries.push(group.length === 1 ? group[0]! : this.joined(stream, group));
        i = j;
      }
    }
    return entries;
  }

  /** `t` is the shared topic, or `<family>.*` when they differ (readers then filter per message). */
  private joined(stream: string, group: Outgoing[]): Outgoing {
    const topic = group.every((m) => m.topic === group[0]!.topic)
      ? group[0]!.topic
      : `${familyOf(group[0]!.topic)}.*`;
    return { stream, topic, data: this.codec.join(group.map((m) => m.data)) };
  }

  /** One script call: the entries (in order), then retention on each stream written. */
  private async send(batch: Outgoing[]): Promise<void> {
    const entries = this.entries(batch);
    const index = new Map<string, string>();
    for (const m of entries) if (!index.has(m.stream)) index.set(m.stream, String(index.size + 1));
    const streams = [...index.keys()];
    const args: Array<string | Buffer> = retentionCall(
      this.config,
      this.connection.lane,
      streams,
      this.retention.scanFlags(streams),
    );
    for (const m of entries) args.push(index.get(m.stream)!, m.topic, m.data);
    this.retention.onReply(streams, await this.connection.commands.sendCommand(args));
  }

  private loadScript(): void {
    this.connection.commands
      .sendCommand(['SCRIPT', 'LOAD', XADD_BATCH.source])
      .catch((error: unknown) => this.logger.warn({ err: (error as Error).message }, 'SCRIPT LOAD failed'));
  }
}
