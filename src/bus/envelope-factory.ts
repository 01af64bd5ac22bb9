import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { Clock } from '../core/clock.ts';
import { ENVELOPE_SCHEMA_VERSION, type Envelope } from '../domain/envelope.ts';
import { messageTypeOf } from '../domain/topics.ts';
import type { PublishInput } from './message-bus.ts';

export function newInstanceId(): string {
  const host = hostname()
    .replace(/[^A-Za-z0-9_-]/g, '_')
    .slice(0, 32);
  return `${host}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/**
 * A random tag for one process's ids. A configured instanceId stays the same across restarts (a
 * cluster process keeps its registry key): without the tag a restarted process would repeat its
 * ids, and consumers that remember handled ids (idempotent handling) would drop its first
 * messages as duplicates. The memory bus goes without, so backtests stay deterministic.
 */
export function bootTag(): string {
  return randomBytes(3).toString('hex');
}

/** Builds envelopes with ids unique across processes and restarts: instance id (+ boot tag) + sequence. */
export class EnvelopeFactory {
  private seq = 0;
  private readonly byType = new Map<string, number>();
  private readonly prefix: string;

  constructor(
    readonly instanceId: string,
    private readonly clock: Clock,
    boot?: string,
  ) {
    this.prefix = boot === undefined ? instanceId : `${instanceId}-${boot}`;
  }

  create<P>(input: PublishInput<P>): Envelope<P> {
    const publishTimeNs = this.clock.nowNs();
    const type = messageTypeOf(input.topic);
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    const envelope: Envelope<P> = {
      id: `${this.prefix}-${(this.seq++).toString(36)}`,
      type,
      topic: input.topic,
      source: { engine: input.engine, instance: this.instanceId },
      priority: input.priority ?? 'NORMAL',
      eventTimeNs: input.eventTimeNs ?? publishTimeNs,
      publishTimeNs,
      schemaVersion: ENVELOPE_SCHEMA_VERSION,
      payload: input.payload,
    };
    if (input.correlationId !== undefined) envelope.correlationId = input.correlationId;
    if (input.replyTo !== undefined) envelope.replyTo = input.replyTo;
    return envelope;
  }

  /** Messages built so far by message type (what this process published), types sorted. */
  publishedByType(): Record<string, number> {
    return Object.fromEntries([...this.byType].sort(([a], [b]) => (a < b ? -1 : 1)));
  }
}
