import { NautilusError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { BusConfig } from '../bus-config.ts';
import type { LaneStatus } from '../message-bus.ts';
import { fetchSlotRanges, ownerUrl } from './cluster-slots.ts';
import { keySlot } from './crc16.ts';
import { errorText } from './redis-errors.ts';
import type { RedisLane } from './redis-lane.ts';
import { shardOfTopic, shardsOfPattern } from './shard-routing.ts';
import { shardPrefix } from './stream-keys.ts';

export interface ShardInfo {
  index: number;
  count: number;
  /** The hash slot of the shard's tag (every key of the shard lives there). */
  slot: number;
  /** Set when the cluster answered MOVED: the slot's new owner, which this process does not follow. */
  movedTo?: string;
}

/** A lane the bus reads and writes, with the key prefix its keys carry (hash-tagged for a shard). */
export interface KeyedLane {
  readonly lane: RedisLane;
  readonly prefix: string;
  readonly shard: ShardInfo | null;
}

/** How often a cluster shard checks that its node still owns the slot (one EXISTS per shard). */
const SLOT_CHECK_MS = 1_000;
const REDIRECT = /^(MOVED|ASK) (\d+) (\S+)/;

/**
 * A lane's status entry, with its shard. A shard whose slot moved answers MOVED to the status
 * reads: it is listed as moved (no streams) rather than failing the whole status.
 */
export async function keyedLaneStatus({ lane, shard }: KeyedLane): Promise<LaneStatus> {
  try {
    const status = await lane.status();
    return shard ? { ...status, shard: { ...shard } } : status;
  } catch (error) {
    const redirect = shard ? REDIRECT.exec(errorText(error)) : null;
    if (!shard || !redirect) throw error;
    shard.movedTo ??= redirect[3];
    const { connection } = lane;
    return {
      lane: lane.lane,
      connected: connection.ready,
      endpoint: connection.endpoint,
      streams: [],
      groups: [],
      shard: { ...shard },
    };
  }
}

/**
 * The MarketData bus as one lane (the default: `bus.marketDataUrl`, keys as always) or as
 * `bus.marketDataShards` shards split by symbol, each an ordinary RedisLane with its own
 * hash-tagged keys, on independent nodes (`bus.marketDataShardUrls`, known at once) or on the
 * Redis Cluster nodes that own their slots (`bus.marketDataCluster`, resolved by `resolve()`).
 */
export class MarketDataShards {
  readonly sharded: boolean;
  private lanes: KeyedLane[] = [];
  private watch: NodeJS.Timeout | null = null;
  private resolving: Promise<void> | null = null;

  constructor(
    private readonly config: BusConfig,
    private readonly makeLane: (url: string, prefix: string) => RedisLane,
    private readonly logger: Logger,
  ) {
    const { marketDataShards: count, marketDataCluster: cluster, marketDataShardUrls: urls } = config;
    if (cluster.length > 0 && urls.length > 0)
      throw new NautilusError(
        'CONFIG_INVALID',
        'bus.marketDataCluster and bus.marketDataShardUrls are exclusive: shards live on a cluster or on listed nodes',
      );
    this.sharded = count > 1 || cluster.length > 0 || urls.length > 0;
    if (!this.sharded) {
      this.lanes = [
        { lane: makeLane(config.marketDataUrl, config.prefix), prefix: config.prefix, shard: null },
      ];
    } else if (cluster.length === 0) {
      const nodes = urls.length > 0 ? urls : [config.marketDataUrl];
      this.lanes = this.build((index) => nodes[index % nodes.length]!);
    }
  }

  /** Every lane of the MarketData bus (none before `resolve()` on a cluster). */
  get all(): readonly KeyedLane[] {
    return this.lanes;
  }

  /** On a cluster: asks a seed which node owns each shard's slot and builds the shards there (once). */
  async resolve(): Promise<void> {
    if (this.config.marketDataCluster.length === 0) return;
    this.resolving ??= fetchSlotRanges(this.config.marketDataCluster, this.config).then(
      ({ seed, ranges }) => {
        this.lanes = this.build((_, slot) => ownerUrl(ranges, slot, seed));
      },
    );
    // A failed attempt (no seed answered) is not remembered: the next start() asks again.
    await this.resolving.catch((error: unknown) => {
      this.resolving = null;
      throw error;
    });
    if (this.watch) return;
    this.watch = setInterval(() => void this.checkSlots(), SLOT_CHECK_MS);
    this.watch.unref();
  }

  stopWatching(): void {
    if (this.watch) clearInterval(this.watch);
    this.watch = null;
  }

  forTopic(topic: string): KeyedLane {
    return this.ready()[this.sharded ? shardOfTopic(topic, this.lanes.length) : 0]!;
  }

  forPattern(pattern: string): KeyedLane[] {
    const lanes = this.ready();
    return this.sharded ? shardsOfPattern(pattern, lanes.length).map((i) => lanes[i]!) : lanes;
  }

  private ready(): KeyedLane[] {
    if (this.lanes.length === 0)
      throw new NautilusError(
        'LIFECYCLE',
        'MarketData shards on a Redis Cluster exist once the bus has started (their nodes are resolved then): start() first',
      );
    return this.lanes;
  }

  private build(urlOf: (index: number, slot: number) => string): KeyedLane[] {
    const count = this.config.marketDataShards;
    return Array.from({ length: count }, (_, index) => {
      const prefix = shardPrefix(this.config.prefix, index, count);
      const slot = keySlot(prefix);
      return { lane: this.makeLane(urlOf(index, slot), prefix), prefix, shard: { index, count, slot } };
    });
  }

  /**
   * A slot moved by resharding answers MOVED (or ASK while migrating) on the old node: this
   * process does not follow it, so it says so loudly, naming the slot, instead of failing quietly.
   */
  private async checkSlots(): Promise<void> {
    for (const { lane, shard } of this.lanes) {
      if (!shard || !lane.connection.commands.isReady) continue;
      try {
        await lane.connection.commands.sendCommand(['EXISTS', lane.connection.controlKey]);
      } catch (error) {
        const redirect = REDIRECT.exec(errorText(error));
        if (!redirect || shard.movedTo === redirect[3]) continue;
        shard.movedTo = redirect[3];
        this.logger.error(
          { shard: shard.index, slot: Number(redirect[2]), movedTo: redirect[3], reply: redirect[1] },
          `MarketData shard ${shard.index}: hash slot ${redirect[2]} ${redirect[1] === 'ASK' ? 'is migrating' : 'moved'} to ${redirect[3]}; live resharding is not followed: restart the process to resolve the slots again`,
        );
      }
    }
  }
}
