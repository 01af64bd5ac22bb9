import type { Clock } from '../../core/clock.ts';
import { LiveClock } from '../../core/live-clock.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { validatePattern } from '../../domain/topics.ts';
import type { BusAuth, EndpointOptions } from '../bus-auth.ts';
import { EnvelopeFactory, newInstanceId } from '../envelope-factory.ts';
import {
  type BusCounters,
  type BusStatus,
  type DeadLetter,
  emptyCounters,
  type Handler,
  type MessageBus,
  type PublishInput,
  type RequestOptions,
  type Subscription,
} from '../message-bus.ts';
import { RpcLayer } from '../rpc.ts';
import { CounterRate } from '../throughput.ts';
import { type BrokerOptions, type Member, MemoryBroker } from './memory-broker.ts';

export interface MemoryBusOptions extends Partial<BrokerOptions> {
  clock?: Clock;
  instanceId?: string;
  /** Attach to a shared broker to model several processes on one bus (tests, one-process topologies). */
  broker?: MemoryBroker;
  /** bus.auth: signs this process's requests, verifies endpoints that require a role. */
  auth?: BusAuth;
}

const STOP_DRAIN_MS = 5_000;

/**
 * The embedded transport. Payloads are passed by reference and not re-validated: nothing crosses
 * a wire, so the types are the contract (the Redis transport validates at its edge).
 */
export class MemoryBus implements MessageBus {
  readonly transport = 'memory';
  readonly instanceId: string;
  readonly broker: MemoryBroker;
  private readonly factory: EnvelopeFactory;
  private readonly stats = emptyCounters();
  private readonly rpc = new RpcLayer(this);
  private readonly members: Array<{ group: string; member: Member }> = [];
  private readonly rate = new CounterRate();
  private running = false;

  constructor(opts: MemoryBusOptions = {}) {
    const clock = opts.clock ?? new LiveClock();
    this.instanceId = opts.instanceId ?? newInstanceId();
    this.broker = opts.broker ?? new MemoryBroker({ ...opts, now: () => clock.nowNs() });
    this.factory = new EnvelopeFactory(this.instanceId, clock);
    if (opts.auth) this.rpc.applyAuth(opts.auth);
  }

  async start(): Promise<void> {
    this.running = true;
  }

  async stop(): Promise<void> {
    if (!this.running) return;
    // Let queued deliveries finish, but never hang on a handler that does not return.
    await Promise.race([
      this.broker.idle(),
      new Promise((resolve) => setTimeout(resolve, STOP_DRAIN_MS).unref()),
    ]);
    await this.rpc.close();
    this.broker.removeClient(this.instanceId);
    this.members.length = 0;
    this.running = false;
  }

  publish<P>(input: PublishInput<P>): Envelope<P> {
    const envelope = this.factory.create(input);
    this.stats.published++;
    this.broker.publish(envelope);
    return envelope;
  }

  async subscribe(group: string, pattern: string, handler: Handler): Promise<Subscription> {
    validatePattern(pattern);
    const member: Member = { clientId: this.instanceId, pattern, handler, counters: this.stats };
    this.broker.addMember(group, member);
    const entry = { group, member };
    this.members.push(entry);
    return {
      group,
      pattern,
      unsubscribe: async () => {
        this.broker.removeMember(group, member);
        const index = this.members.indexOf(entry);
        if (index >= 0) this.members.splice(index, 1);
      },
    };
  }

  endpoint(
    engine: string,
    name: string,
    handler: (body: unknown, request: Envelope) => unknown,
    opts?: EndpointOptions,
  ) {
    return this.rpc.endpoint(engine, name, handler, opts);
  }

  request(engine: string, name: string, body: unknown, opts?: RequestOptions): Promise<unknown> {
    return this.rpc.request(engine, name, body, opts);
  }

  /** Publishing hands the message to the in-process broker at once: nothing is left to flush. */
  async flush(): Promise<void> {}

  /** Resolves when every queued delivery has been handled (tests, backtest steps). */
  idle(): Promise<void> {
    return this.broker.idle();
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    return this.broker.deadLetters.slice(-limit);
  }

  counters(): BusCounters {
    return { ...this.stats };
  }

  async status(): Promise<BusStatus> {
    const groups = [...this.broker.groups.values()].map((g) => ({
      group: g.name,
      stream: 'memory',
      pending: g.size,
      lag: g.size,
      consumers: new Set(g.members.items.map((m) => m.clientId)).size,
    }));
    return {
      transport: 'memory',
      instanceId: this.instanceId,
      counters: this.counters(),
      lanes: [{ lane: 'memory', connected: this.running, endpoint: 'in-process', streams: [], groups }],
      subscriptions: this.members.map(({ group, member }) => ({ group, pattern: member.pattern })),
      throughput: this.rate.sample(this.stats),
      publishedByType: this.factory.publishedByType(),
      connections: 0,
    };
  }
}
