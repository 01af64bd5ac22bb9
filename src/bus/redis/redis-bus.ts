import type { Clock } from '../../core/clock.ts';
import type { Logger } from '../../core/logger.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { type Lane, laneOf } from '../../domain/message-types.ts';
import { parseNanos } from '../../domain/time.ts';
import { validatePattern } from '../../domain/topics.ts';
import type { BusConfig } from '../bus-config.ts';
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
import { codecNamed } from './codec.ts';
import type { GroupHandler } from './consumer-group.ts';
import { RedisLane } from './redis-lane.ts';
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
  private readonly lanes: Record<Lane, RedisLane>;
  private readonly factory: EnvelopeFactory;
  private readonly stats = emptyCounters();
  private readonly rpc = new RpcLayer(this);
  private readonly subscriptions: Array<{ group: string; pattern: string }> = [];
  private readonly rate = new CounterRate();
  private started = false;

  constructor(
    private readonly config: BusConfig,
    deps: { clock: Clock; logger: Logger; instanceId?: string },
  ) {
    this.instanceId = deps.instanceId ?? newInstanceId();
    this.factory = new EnvelopeFactory(this.instanceId, deps.clock);
    const codec = codecNamed(config.codec);
    const logger = deps.logger.child({ component: 'redis-bus' });
    const now = () => deps.clock.nowNs();
    const lane = (name: Lane, url: string) =>
      new RedisLane(name, url, config, codec, this.stats, logger, this.instanceId, now);
    this.lanes = {
      market_data: lane('market_data', config.marketDataUrl),
      engine_logic: lane('engine_logic', config.engineLogicUrl),
    };
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await Promise.all(Object.values(this.lanes).map((l) => l.start(CONNECT_WAIT_MS)));
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.started = false;
    await this.rpc.close();
    await Promise.all(Object.values(this.lanes).map((l) => l.stop(STOP_FLUSH_MS)));
  }

  publish<P>(input: PublishInput<P>): Envelope<P> {
    const envelope = this.factory.create(input);
    this.lanes[laneOf(envelope.type)].publisher.enqueue(envelope as Envelope);
    this.stats.published++;
    return envelope;
  }

  async subscribe(group: string, pattern: string, handler: Handler): Promise<Subscription> {
    validatePattern(pattern);
    const entry: GroupHandler = { pattern, handler };
    const ephemeral = group.startsWith('rpc-reply.');
    const touched: RedisLane[] = [];
    for (const [laneName, streams] of streamsOfPattern(this.config.prefix, pattern)) {
      const lane = this.lanes[laneName];
      const consumerGroup = lane.consumer.group(group, ephemeral);
      consumerGroup.handlers.add(entry);
      consumerGroup.addStreams(streams);
      touched.push(lane);
    }
    const listed = { group, pattern };
    this.subscriptions.push(listed);
    await Promise.all(touched.map((l) => l.consumer.refresh()));
    return { group, pattern, unsubscribe: () => this.unsubscribe(group, entry, listed, touched) };
  }

  endpoint(engine: string, name: string, handler: (body: unknown, request: Envelope) => unknown) {
    return this.rpc.endpoint(engine, name, handler);
  }

  request(engine: string, name: string, body: unknown, opts?: RequestOptions): Promise<unknown> {
    return this.rpc.request(engine, name, body, opts);
  }

  async flush(): Promise<void> {
    await Promise.all(Object.values(this.lanes).map((l) => l.publisher.drained()));
  }

  async deadLetters(limit = 100): Promise<DeadLetter[]> {
    const letters: DeadLetter[] = [];
    for (const lane of Object.values(this.lanes)) {
      if (!lane.connection.ready) continue;
      const key = deadLetterKey(this.config.prefix, lane.lane);
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
    const lanes = Object.values(this.lanes);
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
      lanes: await Promise.all(Object.values(this.lanes).map((l) => l.status())),
      subscriptions: [...this.subscriptions],
      throughput: this.rate.sample(counters),
      publishedByType: this.factory.publishedByType(),
      connections: Object.values(this.lanes).reduce(
        (sum, l) => sum + (l.connection.commands.isOpen ? 1 : 0) + (l.connection.reader.isOpen ? 1 : 0),
        0,
      ),
    };
  }

  private async unsubscribe(
    group: string,
    entry: GroupHandler,
    listed: { group: string; pattern: string },
    lanes: RedisLane[],
  ) {
    const index = this.subscriptions.indexOf(listed);
    if (index >= 0) this.subscriptions.splice(index, 1);
    for (const lane of lanes) {
      const consumerGroup = lane.consumer.groups.get(group);
      if (!consumerGroup) continue;
      consumerGroup.handlers.remove(entry);
      if (consumerGroup.handlers.size === 0) {
        await lane.consumer.removeGroup(consumerGroup);
        continue;
      }
      const remaining = consumerGroup.handlers.items.flatMap(
        (h) => streamsOfPattern(this.config.prefix, h.pattern).get(lane.lane) ?? [],
      );
      consumerGroup.setStreams(remaining);
    }
  }
}
