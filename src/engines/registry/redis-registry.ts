import { createClient, type RedisClientType } from 'redis';
import type { BusConfig } from '../../bus/bus-config.ts';
import { redisClientOptions } from '../../bus/redis/redis-client-options.ts';
import type { Clock } from '../../core/clock.ts';
import type { NautilusError } from '../../core/errors.ts';
import type { ComponentState } from '../../core/lifecycle.ts';
import { redactUrl } from '../../core/logger.ts';
import { NS_PER_MS } from '../../domain/time.ts';
import {
  byEngineThenInstance,
  type EngineInstance,
  type EngineRegistry,
  type InstanceKey,
  type InstanceView,
  type LivenessRule,
  viewOf,
} from './engine-registry.ts';

export interface RedisRegistryOptions extends LivenessRule {
  /** The main Redis (bus.mainUrl): the registry is all it holds. */
  url: string;
  /** bus.prefix: keys live under `${prefix}:registry:`. */
  prefix: string;
  clock: Clock;
  /** bus.tls and bus.credentialsFile: the main Redis is secured like the buses. */
  security?: Pick<BusConfig, 'tls' | 'credentialsFile'>;
}

/** Dead instances linger this many dead thresholds (shown as dead), then their keys expire. */
const EXPIRE_AFTER_DEAD_THRESHOLDS = 10;
/** A registry command never waits longer than this: a slow main Redis must not pile up heartbeats. */
const COMMAND_TIMEOUT_MS = 2_000;

/**
 * The registry on the main Redis: a hash per instance (`…:registry:instance:<engine>/<id>`) and a
 * sorted set index scored by last heartbeat (ms). Both expire, so a host that vanishes without
 * deregistering disappears on its own; before that, list() shows it as dead.
 */
export class RedisEngineRegistry implements EngineRegistry {
  private readonly client: RedisClientType;
  private readonly indexKey: string;
  private readonly ttlMs: number;
  private fatalError: NautilusError | undefined;

  constructor(private readonly opts: RedisRegistryOptions) {
    this.indexKey = `${opts.prefix}:registry:instances`;
    this.ttlMs = EXPIRE_AFTER_DEAD_THRESHOLDS * opts.deadAfterBeats * opts.heartbeatMs;
    this.client = createClient(
      redisClientOptions({
        connection: 'main',
        url: opts.url,
        bus: opts.security ?? { tls: { rejectUnauthorized: true } },
        commandTimeoutMs: COMMAND_TIMEOUT_MS,
        backoff: { baseMs: 100, maxExponent: 4, capMs: 2_000 },
        onFatal: (error) => {
          this.fatalError ??= error;
        },
      }),
    ) as RedisClientType;
    // Errors surface where commands fail; without a listener node-redis would throw them globally.
    this.client.on('error', () => undefined);
  }

  get endpoint(): string {
    return redactUrl(this.opts.url);
  }

  async connect(waitMs: number): Promise<boolean> {
    const connected = this.client.connect().then(
      () => true,
      () => {
        // A bad password never heals: the caller must hear why, not "unreachable".
        if (this.fatalError) throw this.fatalError;
        return false;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), waitMs);
    });
    const ok = await Promise.race([connected, timeout]);
    clearTimeout(timer);
    return ok && this.client.isReady;
  }

  register(instance: EngineInstance): Promise<void> {
    return this.write(instance);
  }

  heartbeat(instance: EngineInstance): Promise<void> {
    return this.write(instance);
  }

  async deregister(key: InstanceKey): Promise<void> {
    await this.client.multi().del(this.instanceKey(key)).zRem(this.indexKey, member(key)).exec();
  }

  async list(): Promise<InstanceView[]> {
    const nowNs = this.opts.clock.nowNs();
    await this.client.zRemRangeByScore(this.indexKey, '-inf', Number(nowNs / NS_PER_MS) - this.ttlMs);
    const members = await this.client.zRange(this.indexKey, 0, -1);
    const hashes = await Promise.all(
      members.map((m) => this.client.hGetAll(`${this.opts.prefix}:registry:instance:${m}`)),
    );
    const views: InstanceView[] = [];
    const expired: string[] = [];
    members.forEach((m, i) => {
      const hash = hashes[i]!;
      if (hash.engine === undefined) expired.push(m);
      else views.push(viewOf(decode(hash), nowNs, this.opts));
    });
    if (expired.length > 0) await this.client.zRem(this.indexKey, expired);
    return views.sort(byEngineThenInstance);
  }

  async close(): Promise<void> {
    if (this.client.isReady) await this.client.close();
    else this.client.destroy();
  }

  private async write(instance: EngineInstance): Promise<void> {
    const key = this.instanceKey(instance);
    await this.client
      .multi()
      .hSet(key, encode(instance))
      .pExpire(key, this.ttlMs)
      .zAdd(this.indexKey, { score: Number(instance.lastHeartbeatNs / NS_PER_MS), value: member(instance) })
      .pExpire(this.indexKey, this.ttlMs)
      .exec();
  }

  private instanceKey(key: InstanceKey): string {
    return `${this.opts.prefix}:registry:instance:${member(key)}`;
  }
}

function member({ engine, instanceId }: InstanceKey): string {
  return `${engine}/${instanceId}`;
}

function encode(instance: EngineInstance): Record<string, string> {
  return {
    engine: instance.engine,
    instanceId: instance.instanceId,
    host: instance.host,
    port: instance.port === null ? '' : String(instance.port),
    state: instance.state,
    implemented: instance.implemented ? '1' : '0',
    startedNs: String(instance.startedNs),
    lastHeartbeatNs: String(instance.lastHeartbeatNs),
    busLag: instance.busLag === null ? '' : String(instance.busLag),
  };
}

function decode(hash: Record<string, string>): EngineInstance {
  return {
    engine: hash.engine ?? '',
    instanceId: hash.instanceId ?? '',
    host: hash.host ?? '',
    port: hash.port ? Number(hash.port) : null,
    state: (hash.state ?? 'faulted') as ComponentState,
    implemented: hash.implemented === '1',
    startedNs: BigInt(hash.startedNs || '0'),
    lastHeartbeatNs: BigInt(hash.lastHeartbeatNs || '0'),
    busLag: hash.busLag ? Number(hash.busLag) : null,
  };
}
