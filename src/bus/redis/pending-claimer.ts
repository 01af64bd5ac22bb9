import type { Logger } from '../../core/logger.ts';
import type { BusConfig } from '../bus-config.ts';
import type { BusCounters } from '../message-bus.ts';
import type { EntryProcessor } from './entry-processor.ts';
import type { LaneConnection } from './lane-connection.ts';
import { errorText } from './redis-errors.ts';
import { checkRetention } from './retention.ts';
import type { StreamConsumer } from './stream-consumer.ts';
import { parseStreamsReply } from './stream-consumer.ts';
import { text } from './stream-ids.ts';

const CLAIM_BATCH = 100;

/**
 * Periodically takes over what stayed pending too long: a dead consumer's messages and this
 * consumer's failed ones. Entries delivered maxDeliveries times go to dead-letter instead.
 */
export class PendingClaimer {
  private timer: NodeJS.Timeout | null = null;
  private busy = false;

  constructor(
    private readonly connection: LaneConnection,
    private readonly consumer: StreamConsumer,
    private readonly processor: EntryProcessor,
    private readonly config: BusConfig,
    private readonly counters: BusCounters,
    private readonly logger: Logger,
    private readonly consumerName: string,
  ) {}

  start(): void {
    this.timer = setInterval(() => void this.sweep(), this.config.claimIntervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** One pass over every (group, stream) this process reads; public so tests can drive it. */
  async sweep(): Promise<number> {
    // Claimed entries not yet handled would be claimed again (and their delivery count inflated).
    if (this.busy || !this.connection.ready || this.consumer.reclaimed.length > 0) return 0;
    this.busy = true;
    try {
      let claimed = 0;
      const work: Promise<number>[] = [];
      for (const group of this.consumer.groups.values()) {
        for (const stream of group.streams) work.push(this.sweepStream(group.name, stream));
      }
      for (const count of await Promise.all(work)) claimed += count;
      if (this.config.maxAgeMs > 0) await this.trimByAge();
      if (claimed > 0) await this.connection.unblockReader();
      return claimed;
    } catch (error) {
      this.logger.warn({ lane: this.connection.lane, err: errorText(error) }, 'pending sweep failed');
      return 0;
    } finally {
      this.busy = false;
    }
  }

  private async sweepStream(groupName: string, stream: string): Promise<number> {
    const group = this.consumer.groups.get(groupName);
    if (!group) return 0;
    const cmd = this.connection.commands;
    const idle = String(this.config.claimIdleMs);
    const pending = (await cmd
      .sendCommand(['XPENDING', stream, groupName, 'IDLE', idle, '-', '+', String(CLAIM_BATCH)])
      .catch(() => [])) as unknown[][];
    if (pending.length === 0) return 0;
    for (const [id, consumer, , deliveries] of pending) {
      if (Number(deliveries) < this.config.maxDeliveries) continue;
      const entries =
        parseStreamsReply([
          [
            stream,
            await cmd.sendCommand(['XRANGE', stream, text(id), text(id)], this.consumer.readOptions()),
          ],
        ])[0]?.entries ?? [];
      const entry = entries[0] ?? { id: text(id), fields: [] };
      await this.processor.deadLetter(
        group,
        stream,
        entry,
        `delivered ${deliveries} times without success (last consumer ${text(consumer)})`,
        Number(deliveries),
      );
      await cmd.sendCommand(['XACK', stream, groupName, text(id)]);
    }
    const reply = (await cmd.sendCommand(
      ['XAUTOCLAIM', stream, groupName, this.consumerName, idle, '0-0', 'COUNT', String(CLAIM_BATCH)],
      this.consumer.readOptions(),
    )) as unknown[];
    const entries = parseStreamsReply([[stream, reply?.[1] ?? []]])[0]?.entries ?? [];
    if (entries.length === 0) return 0;
    this.counters.claimed += entries.length;
    this.consumer.reclaimed.push({ group, stream, entries });
    return entries.length;
  }

  /** Age trimming of streams nobody publishes to any more; never past what a group has not consumed. */
  private async trimByAge(): Promise<void> {
    const streams = new Set([...this.consumer.groups.values()].flatMap((g) => g.streams));
    await checkRetention(this.connection, this.config, [...streams], this.counters, this.logger);
  }
}
