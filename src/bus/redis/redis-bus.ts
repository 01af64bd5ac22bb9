import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { type Lane, laneOf } from '../../domain/message-types.ts';
import { parseNanos } from '../../domain/time.ts';
import { validatePattern } from '../../domain/topics.ts';
import type { BusAuth, EndpointOptions } from '../bus-auth.ts';
import type { BusConfig } from '../bus-config.ts';
import { bootTag, EnvelopeFactory, newInstanceId } from '../envelope-factory.ts';
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
import { codecNamed } from './codec.ts';
import type { GroupHandler } from './consumer-group.ts';
import { RedisLane } from './redis-lane.ts';
import { type KeyedLane, keyedLaneStatus, MarketDataShards } from './shard-set.ts';
import { text } from './stream-ids.ts';
import { deadLetterKey, streamsOfPattern } from './stream-keys.ts';

const CONNECT_WAIT_MS = 5_000;
const STOP_FLUSH_MS = 5_000;

/**
 * The distributed transport: Redis Streams on two buses. The message type of a topic picks the
 * lane; engines never see a connection. See docs in README "The bus contract".
 */
export class RedisBus implements MessageBus {
  readonly transport = 'redis';
  readonly instanceId: string;
  /** The MarketData bus: one lane, or shards by symbol (README "Sharded market data"). */
  private readonly marketData: MarketDataShards;
  private readonly engineLogic: KeyedLane;
  private readonly factory: EnvelopeFactory;
  private readonly stats = emptyCounters();
  private readonly rpc = new RpcLayer(this);
  private readonly subscriptions: Array<{ group: string; pattern: string }> = [];
  private readonly rate = new CounterRate();
  private started = false;

  constructor(
    private readonly config: BusConfig,
    deps: { clock: Clock; logger: Logger; instanceId?: string; auth?: BusAuth },
  ) {
    this.instanceId = deps.instanceId ?? newInstanceId();
    if (deps.auth) this.rpc.applyAuth(deps.auth);
    this.factory = new EnvelopeFactory(this.instanceId, deps.clock, bootTag());
    const codec = codecNamed(config.codec);
    const logger = deps.logger.child({ component: 'redis-bus' });
    const now = () => deps.clock.nowNs();
    const lane = (name: Lane, url: string, prefix: string) =>
      new RedisLane(name, url, { ...config, prefix }, codec, this.stats, logger, this.instanceId, now, () =>
        this.outputsSettled(),
      );
    this.marketData = new MarketDataShards(config, (url, prefix) => lane('market_data', url, prefix), logger);
    const prefix = config.prefix;
    this.engineLogic = { lane: lane('engine_logic', config.engineLogicUrl, prefix), prefix, shard: null };
  }

  /** Every lane this process holds: the MarketData lane or its shards, and the engine-logic lane. */
  private get lanes(): RedisLane[] {
    return this.keyedLanes.map((k) => k.lane);
  }

  private get keyedLanes(): KeyedLane[] {
    return [...this.marketData.all, this.engineLogic];
  }

  /** The lanes a pattern's streams live on, for one bus: MarketData shards are chosen by symbol. */
  private lanesOf(lane: Lane, pattern: string): KeyedLane[] {
    return lane === 'market_data' ? this.marketData.forPattern(pattern) : [this.engineLogic];
  }

  async start(): Promise<void> {
    if (this.started) return;
    await this.marketData.resolve();
    this.started = true;
    // Every lane finishes starting before a failure (bad password, ACL) is thrown: a stop() that
    // follows must not race a lane still connecting (seen: the test hung in stop).
    const results = await Promise.allSettled(this.lanes.map((l) => l.start(CONNECT_WAIT_MS)));
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.rpc.close();
    this.marketData.stopWatching();
    await Promise.all(this.lanes.map((l) => l.stop(STOP_FLUSH_MS)));
  }

  publish<P>(input: PublishInput<P>): Envelope<P> {
    const envelope = this.factory.create(input);
    const keyed =
      laneOf(envelope.type) === 'market_data' ? this.marketData.forTopic(envelope.topic) : this.engineLogic;
    keyed.lane.publisher.enqueue(envelope as Envelope);
    this.stats.published++;
    return envelope;
  }

  async subscribe(group: string, pattern: string, handler: Handler): Promise<Subscription> {
    validatePattern(pattern);
    const entry: GroupHandler = { pattern, handler };
    const ephemeral = group.startsWith('rpc-reply.');
    const touched: KeyedLane[] = [];
    for (const laneName of streamsOfPattern(this.config.prefix, pattern).keys()) {
      for (const keyed of this.lanesOf(laneName, pattern)) {
        const consumerGroup = keyed.lane.consumer.group(group, ephemeral);
        consumerGroup.handlers.add(entry);
        consumerGroup.addStreams(streamsOfPattern(keyed.prefix, pattern).get(laneName) ?? []);
        touched.push(keyed);
      }
    }
    const listed = { group, pattern };
    this.subscriptions.push(listed);
    await Promise.all(touched.map((k) => k.lane.consumer.refresh(k.lane.consumer.group(group, ephemeral))));
    return { group, pattern, unsubscribe: () => this.unsubscribe(group, entry, listed, touched) };
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

  /** Every message published so far by this process is confirmed by Redis (or dropped and counted). */
  private async outputsSettled(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.publisher.settled()));
  }

  async flush(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.publisher.drained()));
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for (const { lane, prefix } of this.keyedLanes) {
      if (!lane.connection.ready) continue;
      const key = deadLetterKey(prefix, lane.lane);
      const reply = (await lane.connection.commands.sendCommand([
        'XREVRANGE',
        key,
        '+',
        '-',
        'COUNT',
        String(limit),
      ])) as unknown[][];
      for (const [id, flat] of reply) {
        const fields = new Map<string, string>();
        const list = flat as unknown[];
        for (let i = 0; i + 1 < list.length; i += 2) fields.set(text(list[i]), text(list[i + 1]));
        letters.push({
          reason: fields.get('reason') ?? '',
          origin: fields.get('origin') ?? '',
          entryId: fields.get('entryId') ?? text(id),
          group: fields.get('group') ?? null,
          deliveries: Number(fields.get('deliveries') ?? 0),
          raw: fields.get('raw') ?? '',
          atNs: parseNanos(fields.get('atNs') ?? '0'),
        });
      }
    }
    return letters.sort((a, b) => (a.atNs < b.atNs ? -1 : a.atNs > b.atNs ? 1 : 0)).slice(-limit);
  }

  counters(): BusCounters {
    const lanes = this.lanes;
    return {
      ...this.stats,
      buffered: lanes.reduce((sum, l) => sum + l.publisher.queued, 0),
      reconnects: lanes.reduce((sum, l) => sum + l.connection.reconnects, 0),
    };
  }

  async status(): Promise<BusStatus> {
    const counters = this.counters();
    return {
      transport: 'redis',
      instanceId: this.instanceId,
      counters,
      lanes: await Promise.all(this.keyedLanes.map(keyedLaneStatus)),
      subscriptions: [...this.subscriptions],
      throughput: this.rate.sample(counters),
      publishedByType: this.factory.publishedByType(),
      connections: this.lanes.reduce(
        (sum, l) => sum + (l.connection.commands.isOpen ? 1 : 0) + (l.connection.reader.isOpen ? 1 : 0),
        0,
      ),
    };
  }

  private async unsubscribe(
    group: string,
    entry: GroupHandler,
    listed: { group: string; pattern: string },
    lanes: KeyedLane[],
  ) {
    const index = this.subscriptions.indexOf(listed);
    if (index >= 0) this.subscriptions.splice(index, 1);
    for (const { lane, prefix } of lanes) {
      const consumerGroup = lane.consumer.groups.get(group);
      if (!consumerGroup) continue;
      consumerGroup.handlers.remove(entry);
      if (consumerGroup.handlers.size === 0) {
        await lane.consumer.removeGroup(consumerGroup);
        continue;
      }
      const remaining = consumerGroup.handlers.items.flatMap(
        (h) => streamsOfPattern(prefix, h.pattern).get(lane.lane) ?? [],
      );
      consumerGroup.setStreams(remaining);
    }
  }
}
