import type { EndpointOptions } from '../bus/bus-auth.ts';
import type {
  BusStatus,
  Handler,
  MessageBus,
  PublishInput,
  RequestOptions,
  Subscription,
} from '../bus/message-bus.ts';
import { NautilusError } from '../core/errors.ts';
import type { Envelope } from '../domain/envelope.ts';
import { topicMatches } from '../domain/topics.ts';
import type { DeliveryAudit } from './delivery-audit.ts';
import type { EngineManifest } from './manifest.ts';

/** Per-engine traffic, read by the host's metrics. */
export interface EngineBusCounters {
  published: number;
  handled: number;
  handlerFailures: number;
}

export interface EngineBusOptions {
  /**
   * The process's configured (stable) instance id. With it, `scope: 'instance'` subscriptions get
   * a consumer group of their own that survives a restart; without it (one instance assumed),
   * they share the engine's group like any other.
   */
  stableInstanceId?: string;
  /** Records every handled message (config `audit`), for reconciling distributed runs. */
  audit?: DeliveryAudit;
}

export interface SubscribeOptions {
  /**
   * `shared` (default): instances of the engine share the messages (work). `instance`: every
   * instance gets every message (state each instance must hold: fills, prices, trading state).
   */
  scope?: 'shared' | 'instance';
}

/**
 * An engine's view of the bus: it stamps the engine name, subscribes under the engine's consumer
 * group, and refuses topics the manifest does not declare, so a manifest is a true description
 * of an engine's traffic.
 */
export class EngineBus {
  readonly counters: EngineBusCounters = { published: 0, handled: 0, handlerFailures: 0 };
  private readonly active = new Set<Subscription>();
  private readonly declaredTopics = new Set<string>();

  constructor(
    private readonly bus: MessageBus,
    readonly manifest: EngineManifest,
    private readonly options: EngineBusOptions = {},
  ) {}

  publish<P>(input: Omit<PublishInput<P>, 'engine'>): Envelope<P> {
    if (!this.declaredTopics.has(input.topic)) this.checkDeclared(input.topic);
    const envelope = this.bus.publish({ ...input, engine: this.manifest.name });
    this.counters.published++;
    return envelope;
  }

  /** Topics seen once are remembered: the manifest check runs per topic, not per message. */
  private checkDeclared(topic: string): void {
    if (!this.manifest.publishes.some((declared) => topicMatches(declared, topic))) {
      throw new NautilusError(
        'UNDECLARED_TOPIC',
        `engine ${this.manifest.name} published "${topic}", which its manifest does not declare (publishes: ${this.manifest.publishes.join(', ')})`,
      );
    }
    if (this.declaredTopics.size >= 100_000) this.declaredTopics.clear();
    this.declaredTopics.add(topic);
  }

  /** A pattern is allowed when a declared pattern covers it (`vpin.*` covers `vpin.calculation.*`). */
  async subscribe(pattern: string, handler: Handler, opts: SubscribeOptions = {}): Promise<Subscription> {
    if (!this.manifest.subscribes.some((declared) => topicMatches(declared, pattern))) {
      throw new NautilusError(
        'UNDECLARED_TOPIC',
        `engine ${this.manifest.name} subscribed to "${pattern}", which its manifest does not declare (subscribes: ${this.manifest.subscribes.join(', ') || 'nothing'})`,
      );
    }
    // A synchronous handler stays synchronous: the sync memory bus of a backtest dispatches in
    // (event time, sequence) order only while handlers return before the next message.
    const group = this.groupOf(opts.scope ?? 'shared');
    const { audit } = this.options;
    const subscription = await this.bus.subscribe(group, pattern, (envelope) => {
      let result: void | Promise<void>;
      try {
        result = handler(envelope);
      } catch (error) {
        this.counters.handlerFailures++;
        throw error;
      }
      if (!(result instanceof Promise)) {
        this.counters.handled++;
        audit?.handled(group, envelope);
        return;
      }
      return result.then(
        () => {
          this.counters.handled++;
          audit?.handled(group, envelope);
        },
        (error: unknown) => {
          this.counters.handlerFailures++;
          throw error;
        },
      );
    });
    return this.track(subscription);
  }

  /** The consumer group of a subscription: `<engine>` or, per instance, `<engine>@<instance>`. */
  groupOf(scope: 'shared' | 'instance'): string {
    const { stableInstanceId } = this.options;
    return scope === 'instance' && stableInstanceId
      ? `${this.manifest.name}@${stableInstanceId}`
      : this.manifest.name;
  }

  /** Serves request/response on `name` (instances of this engine share the requests). */
  async endpoint(
    name: string,
    handler: (body: unknown, request: Envelope) => unknown,
    opts?: EndpointOptions,
  ): Promise<Subscription> {
    return this.track(await this.bus.endpoint(this.manifest.name, name, handler, opts));
  }

  /** The bus's `idle` (in-process transports), or undefined where the transport cannot tell. */
  get idle(): (() => Promise<void>) | undefined {
    const { bus } = this;
    return bus.idle ? () => bus.idle!() : undefined;
  }

  request(name: string, body: unknown, opts?: RequestOptions): Promise<unknown> {
    return this.bus.request(this.manifest.name, name, body, opts);
  }

  /** The process bus's status (streams, groups, lag, dead letters): read-only, for dashboards. */
  status(): Promise<BusStatus> {
    return this.bus.status();
  }

  subscriptions(): string[] {
    return [...this.active].map((subscription) => subscription.pattern);
  }

  /** Called by the host when the engine stops, whatever the engine forgot to undo. */
  async unsubscribeAll(): Promise<void> {
    await Promise.all([...this.active].map((subscription) => subscription.unsubscribe()));
  }

  private track(subscription: Subscription): Subscription {
    const tracked: Subscription = {
      group: subscription.group,
      pattern: subscription.pattern,
      unsubscribe: async () => {
        this.active.delete(tracked);
        await subscription.unsubscribe();
      },
    };
    this.active.add(tracked);
    return tracked;
  }
}
