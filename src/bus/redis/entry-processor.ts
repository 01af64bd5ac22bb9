import type { Logger } from '../../core/logger.ts';
import { type Envelope, validateEnvelope } from '../../domain/envelope.ts';
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

  /** Synchronous unless the handler is async or the entry is dead-lettered: no promise per message. */
  process(group: ConsumerGroup, stream: string, entry: RawEntry): Outcome | Promise<Outcome> {
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
    const decoded = this.decode(topicText, data);
    if (typeof decoded === 'string') return this.deadLetter(group, stream, entry, decoded, 1);
    if (group.handled.has(decoded.id)) {
      this.counters.duplicatesSkipped++;
      return 'ack';
    }
    const target = group.handlers.pick(decoded.topic);
    if (!target) return 'ack';
    this.counters.delivered++;
    let pending: void | Promise<void>;
    try {
      pending = target.handler(decoded);
    } catch (error) {
      return this.failed(group, decoded, error);
    }
    if (pending instanceof Promise) {
      return pending.then(
        () => this.succeeded(group, decoded),
        (error: unknown) => this.failed(group, decoded, error),
      );
    }
    return this.succeeded(group, decoded);
  }

  /** The envelope, or why the entry cannot be one. */
  private decode(topic: string, data: unknown): Envelope | string {
    const size = Buffer.isBuffer(data) ? data.length : Buffer.byteLength(text(data));
    if (size > this.config.maxMessageBytes) {
      return `oversized entry: ${size} bytes > maxMessageBytes ${this.config.maxMessageBytes}`;
    }
    let decoded: unknown;
    try {
      decoded = this.codec.decode(data as string | Buffer);
    } catch (error) {
      return `undecodable ${this.codec.name}: ${(error as Error).message}`;
    }
    const result = validateEnvelope(decoded);
    if (!result.ok) return result.reason;
    if (result.envelope.topic !== topic) {
      return `topic field "${topic}" does not match envelope topic "${result.envelope.topic}"`;
    }
    return result.envelope;
  }

  private succeeded(group: ConsumerGroup, envelope: Envelope): Outcome {
    group.handled.add(envelope.id);
    this.counters.acked++;
    return 'ack';
  }

  private failed(group: ConsumerGroup, envelope: Envelope, error: unknown): Outcome {
    this.counters.handlerFailures++;
    this.logger.warn(
      { group: group.name, topic: envelope.topic, id: envelope.id, err: (error as Error).message },
      'handler failed; message will be redelivered',
    );
    return 'retry';
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
