import type { Logger } from '../../core/logger.ts';
import { validateEnvelope } from '../../domain/envelope.ts';
import type { Nanos } from '../../domain/time.ts';
import type { BusConfig } from '../bus-config.ts';
import type { BusCounters } from '../message-bus.ts';
import type { Codec } from './codec.ts';
import type { ConsumerGroup } from './consumer-group.ts';
import type { LaneConnection } from './lane-connection.ts';
import { text } from './stream-ids.ts';
import { deadLetterKey } from './stream-keys.ts';

export interface RawEntry {
  id: string;
  fields: unknown[];
}

export type Outcome = 'ack' | 'retry';

const RAW_KEPT_BYTES = 4_096;

function field(fields: unknown[], name: string): unknown {
  for (let i = 0; i + 1 < fields.length; i += 2) if (text(fields[i]) === name) return fields[i + 1];
  return undefined;
}

/**
 * Turns one stream entry into at most one handler call. Whatever is wrong with an entry (no data,
 * too large, undecodable, failing its schema) sends it to the dead-letter stream with the reason;
 * it never reaches a handler and never stops the consumer.
 */
export class EntryProcessor {
  constructor(
    private readonly connection: LaneConnection,
    private readonly config: BusConfig,
    private readonly codec: Codec,
    private readonly counters: BusCounters,
    private readonly logger: Logger,
    private readonly now: () => Nanos,
  ) {}

  async process(group: ConsumerGroup, stream: string, entry: RawEntry): Promise<Outcome> {
    const topic = field(entry.fields, 't');
    const data = field(entry.fields, 'd');
    if (data === undefined || data === null || topic === undefined) {
      return this.deadLetter(
        group,
        stream,
        entry,
        'malformed entry: expected fields "t" (topic) and "d" (data)',
        1,
      );
    }
    const topicText = text(topic);
    if (!group.handlers.matchesAny(topicText)) return 'ack';
    const size = Buffer.isBuffer(data) ? data.length : Buffer.byteLength(text(data));
    if (size > this.config.maxMessageBytes) {
      return this.deadLetter(
        group,
        stream,
        entry,
        `oversized entry: ${size} bytes > maxMessageBytes ${this.config.maxMessageBytes}`,
        1,
      );
    }
    let decoded: unknown;
    try {
      decoded = this.codec.decode(data as string | Buffer);
    } catch (error) {
      return this.deadLetter(
        group,
        stream,
        entry,
        `undecodable ${this.codec.name}: ${(error as Error).message}`,
        1,
      );
    }
    const result = validateEnvelope(decoded);
    if (!result.ok) return this.deadLetter(group, stream, entry, result.reason, 1);
    const envelope = result.envelope;
    if (envelope.topic !== topicText) {
      return this.deadLetter(
        group,
        stream,
        entry,
        `topic field "${topicText}" does not match envelope topic "${envelope.topic}"`,
        1,
      );
    }
    if (group.handled.has(envelope.id)) {
      this.counters.duplicatesSkipped++;
      return 'ack';
    }
    const target = group.handlers.pick(envelope.topic);
    if (!target) return 'ack';
    this.counters.delivered++;
    try {
      const pending = target.handler(envelope);
      if (pending instanceof Promise) await pending;
    } catch (error) {
      this.counters.handlerFailures++;
      this.logger.warn(
        { group: group.name, topic: envelope.topic, id: envelope.id, err: (error as Error).message },
        'handler failed; message will be redelivered',
      );
      return 'retry';
    }
    group.handled.add(envelope.id);
    this.counters.acked++;
    return 'ack';
  }

  /** Writes the entry and why to the lane's dead-letter stream; the caller acks the original. */
  async deadLetter(
    group: ConsumerGroup,
    stream: string,
    entry: RawEntry,
    reason: string,
    deliveries: number,
  ): Promise<Outcome> {
    const raw = entry.fields.map((f) => text(f)).join(' ');
    const kept = raw.length > RAW_KEPT_BYTES ? `${raw.slice(0, RAW_KEPT_BYTES)}… (${raw.length} chars)` : raw;
    this.logger.warn({ group: group.name, stream, entryId: entry.id, reason }, 'message dead-lettered');
    await this.connection.commands.sendCommand([
      'XADD',
      deadLetterKey(this.config.prefix, this.connection.lane),
      'MAXLEN',
      '~',
      String(this.config.deadLetterMaxLen),
      '*',
      'reason',
      reason,
      'origin',
      stream,
      'entryId',
      entry.id,
      'group',
      group.name,
      'deliveries',
      String(deliveries),
      'raw',
      kept,
      'atNs',
      this.now().toString(),
    ]);
    this.counters.deadLettered++;
    return 'ack';
  }
}
