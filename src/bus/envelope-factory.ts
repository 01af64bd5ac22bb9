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

  constructor(
    readonly instanceId: string,
    private readonly clock: Clock,
  ) {}

  create<P>(input: PublishInput<P>): Envelope<P> {
    const publishTimeNs = this.clock.nowNs();
    const envelope: Envelope<P> = {
      id: `${this.instanceId}-${(this.seq++).toString(36)}`,
      type: messageTypeOf(input.topic),
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
}
