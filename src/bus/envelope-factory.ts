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

/** Builds envelopes with ids unique across processes and restarts: instance id + sequence. */
export class EnvelopeFactory {
  private seq = 0;
  private readonly byType = new Map<string, number>();

  constructor(
    readonly instanceId: string,
    private readonly clock: Clock,
  ) {}

  create<P>(input: PublishInput<P>): Envelope<P> {
    const publishTimeNs = this.clock.nowNs();
    const type = messageTypeOf(input.topic);
    this.byType.set(type, (this.byType.get(type) ?? 0) + 1);
    const envelope: Envelope<P> = {
      id: `${this.instanceId}-${(this.seq++).toString(36)}`,
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
