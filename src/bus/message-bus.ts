import type { Envelope } from '../domain/envelope.ts';
import type { Lane } from '../domain/message-types.ts';
import type { Priority } from '../domain/priority.ts';
import type { Nanos } from '../domain/time.ts';
import type { EndpointOptions } from './bus-auth.ts';

export interface PublishInput<P = unknown> {
  /** The publishing engine; the transport stamps it with its own instance id. */
  engine: string;
  topic: string;
  payload: P;
  priority?: Priority;
  /** When the event happened (defaults to publish time). */
  eventTimeNs?: Nanos;
  correlationId?: string;
  replyTo?: string;
}

/** Succeeds (returns or resolves) => acked. Throws => redelivered, dead-lettered after maxDeliveries. */
export type Handler = (envelope: Envelope) => void | Promise<void>;

export interface Subscription {
  readonly group: string;
  readonly pattern: string;
  unsubscribe(): Promise<void>;
}

export interface DeadLetter {
  reason: string;
  /** Stream or queue it came from, and its entry id there. */
  origin: string;
  entryId: string;
  group: string | null;
  deliveries: number;
  /** The raw message as it was on the bus (encoded text or an error summary). */
  raw: string;
  atNs: Nanos;
}

export interface BusCounters {
  published: number;
  delivered: number;
  acked: number;
  handlerFailures: number;
  deadLettered: number;
  duplicatesSkipped: number;
  claimed: number;
  /** Outage buffer: messages held now, and messages the overflow policy discarded. */
  buffered: number;
  bufferDropped: number;
  /** Consumer groups re-created after NOGROUP / a lost stream: each one is an alert. */
  groupRecreations: number;
  reconnects: number;
  failedReads: number;
  /** Entries the retention hard cap (bus.maxLenHard) trimmed before a group consumed them: an alert. */
  trimmedUnconsumed: number;
}

export interface GroupStatus {
  group: string;
  stream: string;
  pending: number;
  lag: number | null;
  consumers: number;
}

export interface LaneStatus {
  /** `memory`: the embedded transport carries both lanes in one in-process broker. */
  lane: Lane | 'memory';
  connected: boolean;
  /** Shown without credentials. */
  endpoint: string;
  streams: Array<{ stream: string; length: number }>;
  groups: GroupStatus[];
  /** Redis lanes: entries the retention hard cap trimmed unconsumed, by any process (key <prefix>:<lane>:trimmed_unconsumed). */
  trimmedUnconsumed?: number;
  /** A MarketData shard (README "Sharded market data"): index of count, its hash slot, a MOVED target. */
  shard?: { index: number; count: number; slot: number; movedTo?: string };
}

export interface BusStatus {
  transport: 'memory' | 'redis';
  instanceId: string;
  counters: BusCounters;
  lanes: LaneStatus[];
  subscriptions: Array<{ group: string; pattern: string }>;
  /** Messages per second published and delivered over the last few seconds. */
  throughput: { publishedPerS: number; deliveredPerS: number };
  /** Messages this process published, by message type (VPIN_CALCULATION, FACTOR_MODEL, ...). */
  publishedByType: Record<string, number>;
  connections: number;
}

export interface RequestOptions {
  timeoutMs?: number;
  priority?: Priority;
}

/**
 * The message bus contract, implemented by every transport and checked by one conformance suite.
 * A subscription's `group` is the subscribing engine's name: every group receives each message
 * (fan-out), and the subscriptions sharing a group share its messages (load balancing).
 */
export interface MessageBus {
  readonly transport: 'memory' | 'redis';
  readonly instanceId: string;
  start(): Promise<void>;
  /** Flushes what can be flushed, then closes. */
  stop(): Promise<void>;
  /** Never blocks on the network: the message is queued, buffered during an outage, and sent in order. */
  publish<P>(input: PublishInput<P>): Envelope<P>;
  subscribe(group: string, pattern: string, handler: Handler): Promise<Subscription>;
  /** Serves request/response on `name`; instances of an engine share the requests. */
  endpoint(
    engine: string,
    name: string,
    handler: (body: unknown, request: Envelope) => unknown,
    opts?: EndpointOptions,
  ): Promise<Subscription>;
  request(engine: string, name: string, body: unknown, opts?: RequestOptions): Promise<unknown>;
  /** Resolves when everything published so far has left this process (or was counted as dropped). */
  flush(): Promise<void>;
  /**
   * In-process transports only: resolves once every message published so far, and everything its
   * handlers published in turn, has been handled. Absent where delivery crosses a network.
   */
  idle?(): Promise<void>;
  deadLetters(limit?: number): Promise<DeadLetter[]>;
  counters(): BusCounters;
  status(): Promise<BusStatus>;
}

export function emptyCounters(): BusCounters {
  return {
    published: 0,
    delivered: 0,
    acked: 0,
    handlerFailures: 0,
    deadLettered: 0,
    duplicatesSkipped: 0,
    claimed: 0,
    buffered: 0,
    bufferDropped: 0,
    groupRecreations: 0,
    reconnects: 0,
    failedReads: 0,
    trimmedUnconsumed: 0,
  };
}
