import { NautilusError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Envelope } from '../../domain/envelope.ts';
import type { BusConfig } from '../bus-config.ts';
import type { BusCounters } from '../message-bus.ts';
import type { Codec } from './codec.ts';
import type { LaneConnection } from './lane-connection.ts';
import { isConnectionError, isNoScript } from './redis-errors.ts';
import { loadScript } from './scripts.ts';
import { streamOfTopic } from './stream-keys.ts';

const XADD_BATCH = loadScript('xadd-batch');
const MAX_BATCH = 1_000;
/** A batch Redis refuses (not a lost connection) this many times is dropped and counted. */
const MAX_REFUSALS = 5;

interface Outgoing {
  stream: string;
  topic: string;
  data: string | Buffer;
}

/**
 * Publishes to one lane. Every message goes through one ordered queue: normally it is drained at
 * once in batches (one Lua call per batch, one batch in flight, so order is kept); while the lane
 * is down the same queue is the bounded outage buffer, flushed in order on reconnect.
 */
export class StreamPublisher {
  private readonly queue: Outgoing[] = [];
  private head = 0;
  private sending = false;
  private refusals = 0;
  private readonly drainedWaiters: Array<() => void> = [];

  constructor(
    private readonly connection: LaneConnection,
    private readonly config: BusConfig,
    private readonly codec: Codec,
    private readonly counters: BusCounters,
    private readonly logger: Logger,
  ) {
    connection.onCommandsReady(() => this.kick());
  }

  get queued(): number {
    return this.queue.length - this.head;
  }

  enqueue(envelope: Envelope): void {
    if (this.queued >= this.config.outageBufferSize) {
      this.counters.bufferDropped++;
      if (this.config.overflowPolicy === 'reject') {
        throw new NautilusError(
          'BUS_OVERFLOW',
          `${this.connection.lane} bus buffer full (${this.config.outageBufferSize} messages): ${envelope.topic} rejected`,
        );
      }
      if (this.config.overflowPolicy === 'drop-newest') return;
      this.head++;
    }
    this.queue.push({
      stream: streamOfTopic(this.config.prefix, envelope.topic, envelope.priority),
      topic: envelope.topic,
      data: this.codec.encode(envelope),
    });
    this.kick();
  }

  /** Resolves when the queue is empty (everything acknowledged by Redis or counted as dropped). */
  drained(): Promise<void> {
    if (this.queued === 0 && !this.sending) return Promise.resolve();
    return new Promise((resolve) => this.drainedWaiters.push(resolve));
  }

  private kick(): void {
    if (this.sending || this.queued === 0 || !this.connection.commands.isReady) return;
    this.sending = true;
    // Let the current tick's publishes join the batch.
    setImmediate(() => void this.sendLoop());
  }

  private async sendLoop(): Promise<void> {
    try {
      while (this.queued > 0 && this.connection.commands.isReady) {
        const batch = this.queue.slice(this.head, this.head + MAX_BATCH);
        try {
          await this.send(batch);
          this.refusals = 0;
        } catch (error) {
          if (isConnectionError(error) || ++this.refusals < MAX_REFUSALS) {
            // The batch stays at the head: it is resent, in order, once the lane is back.
            await new Promise((resolve) => setTimeout(resolve, 50));
            continue;
          }
          this.logger.error(
            { lane: this.connection.lane, err: (error as Error).message, dropped: batch.length },
            'Redis refused a publish batch repeatedly; dropped and counted',
          );
          this.counters.bufferDropped += batch.length;
          this.refusals = 0;
        }
        this.head += batch.length;
        if (this.head > 65_536 && this.head * 2 > this.queue.length) {
          this.queue.splice(0, this.head);
          this.head = 0;
        }
      }
    } finally {
      this.sending = false;
      if (this.queued === 0) for (const resolve of this.drainedWaiters.splice(0)) resolve();
      else if (this.connection.commands.isReady) this.kick();
    }
  }

  private async send(batch: Outgoing[]): Promise<void> {
    const keys = batch.map((m) => m.stream);
    const args: Array<string | Buffer> = [String(this.config.maxLen)];
    for (const m of batch) args.push(m.topic, m.data);
    const tail = [String(keys.length), ...keys, ...args];
    try {
      await this.connection.commands.sendCommand(['EVALSHA', XADD_BATCH.sha1, ...tail]);
    } catch (error) {
      if (!isNoScript(error)) throw error;
      await this.connection.commands.sendCommand(['EVAL', XADD_BATCH.source, ...tail]);
    }
  }
}
