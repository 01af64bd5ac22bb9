import type { Logger } from '../../core/logger.ts';
import { type Envelope, validateEnvelope } from '../../domain/envelope.ts';
import { bigintAsText, type Nanos } from '../../domain/time.ts';
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

/** An entry is acked only when every message in it was handled (or dead-lettered). */
const worst = (a: Outcome, b: Outcome): Outcome => (a === 'retry' || b === 'retry' ? 'retry' : 'ack');

const RAW_KEPT_BYTES = 4_096;

/** UTF-8 size; a string short enough to fit even at 3 bytes per UTF-16 unit is not scanned. */
function byteSize(data: unknown, limit: number): number {
  if (Buffer.isBuffer(data)) return data.length;
  const value = text(data);
  return value.length * 3 <= limit ? value.length : Buffer.byteLength(value);
}

function field(fields: unknown[], name: string): unknown {
  for (let i = 0; i + 1 < fields.length; i += 2) if (text(fields[i]) === name) return fields[i + 1];
  return undefined;
}

/**
 * Turns one stream entry (one envelope, or an array of them) into handler calls, one per message.
 * Whatever is wrong with an entry or a message in it (no data, too large, undecodable, failing its
 * schema) goes to the dead-letter stream with the reason; it never reaches a handler and never
 * stops the consumer.
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

  /**
   * Synchronous unless a handler is async or something is dead-lettered: no promise per message.
   * An entry holds one envelope, or an array of them for the same stream (see StreamPublisher).
   */
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
    const mixed = topicText.endsWith('*');
    if (!mixed && !group.handlers.matchesAny(topicText)) return 'ack';
    const { value: decoded, error } = this.decode(data);
    if (error !== undefined) return this.deadLetter(group, stream, entry, error, 1);
    if (!Array.isArray(decoded)) {
      const envelope = this.validate(decoded, mixed ? null : topicText);
      if (typeof envelope === 'string') return this.deadLetter(group, stream, entry, envelope, 1);
      return this.deliver(group, envelope);
    }
    return this.processMany(group, stream, entry, decoded, mixed ? null : topicText, 0, 'ack');
  }

  /** Handles messages from `index` on; an async handler or a dead letter continues asynchronously. */
  private processMany(
    group: ConsumerGroup,
    stream: string,
    entry: RawEntry,
    items: unknown[],
    topic: string | null,
    index: number,
    outcome: Outcome,
  ): Outcome | Promise<Outcome> {
    for (let i = index; i < items.length; i++) {
      const envelope = this.validate(items[i], topic);
      let result: Outcome | Promise<Outcome>;
      if (typeof envelope === 'string') {
        const single = {
          id: `${entry.id}#${i}`,
          fields: ['t', topic ?? '', 'd', JSON.stringify(items[i], bigintAsText)],
        };
        result = this.deadLetter(group, stream, single, envelope, 1);
      } else if (!group.handlers.matchesAny(envelope.topic)) {
        continue;
      } else {
        result = this.deliver(group, envelope);
      }
      if (result instanceof Promise) {
        return result.then((r) =>
          this.processMany(group, stream, entry, items, topic, i + 1, worst(outcome, r)),
        );
      }
      outcome = worst(outcome, result);
    }
    return outcome;
  }

  private deliver(group: ConsumerGroup, envelope: Envelope): Outcome | Promise<Outcome> {
    if (group.handled.has(envelope.id)) {
      this.counters.duplicatesSkipped++;
      return 'ack';
    }
    const target = group.handlers.pick(envelope.topic);
    if (!target) return 'ack';
    this.counters.delivered++;
    let pending: void | Promise<void>;
    try {
      pending = target.handler(envelope);
    } catch (error) {
      return this.failed(group, envelope, error);
    }
    if (pending instanceof Promise) {
      return pending.then(
        () => this.succeeded(group, envelope),
        (error: unknown) => this.failed(group, envelope, error),
      );
    }
    return this.succeeded(group, envelope);
  }

  /** The decoded wire value, or why the data cannot be decoded. */
  private decode(data: unknown): { value?: unknown; error?: string } {
    const size = byteSize(data, this.config.maxMessageBytes);
    if (size > this.config.maxMessageBytes) {
      return { error: `oversized entry: ${size} bytes > maxMessageBytes ${this.config.maxMessageBytes}` };
    }
    try {
      return { value: this.codec.decode(data as string | Buffer) };
    } catch (error) {
      return { error: `undecodable ${this.codec.name}: ${(error as Error).message}` };
    }
  }

  /** The envelope, or why it is not one (`topic`: what the entry's "t" field promised, if exact). */
  private validate(raw: unknown, topic: string | null): Envelope | string {
    const result = validateEnvelope(raw);
    if (!result.ok) return result.reason;
    if (topic !== null && result.envelope.topic !== topic) {
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
