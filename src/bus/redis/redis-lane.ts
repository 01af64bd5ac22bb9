import type { Logger } from '../../core/logger.ts';
import type { Lane } from '../../domain/message-types.ts';
import type { Nanos } from '../../domain/time.ts';
import type { BusConfig } from '../bus-config.ts';
import type { BusCounters, GroupStatus, LaneStatus } from '../message-bus.ts';
import type { Codec } from './codec.ts';
import { EntryProcessor } from './entry-processor.ts';
import { LaneConnection } from './lane-connection.ts';
import { PendingClaimer } from './pending-claimer.ts';
import { StreamConsumer } from './stream-consumer.ts';
import { text } from './stream-ids.ts';
import { controlKey, trimmedUnconsumedKey } from './stream-keys.ts';
import { StreamPublisher } from './stream-publisher.ts';

/** Everything one process runs against one bus: two connections, the publisher, the reader, the claimer. */
export class RedisLane {
  readonly connection: LaneConnection;
  readonly publisher: StreamPublisher;
  readonly consumer: StreamConsumer;
  readonly claimer: PendingClaimer;

  constructor(
    readonly lane: Lane,
    url: string,
    private readonly config: BusConfig,
    codec: Codec,
    counters: BusCounters,
    logger: Logger,
    instanceId: string,
    now: () => Nanos,
    outputsSettled: () => Promise<void>,
  ) {
    this.connection = new LaneConnection(
      lane,
      url,
      instanceId,
      controlKey(config.prefix, lane, instanceId),
      logger,
      config,
    );
    this.publisher = new StreamPublisher(this.connection, config, codec, counters, logger);
    const processor = new EntryProcessor(this.connection, config, codec, counters, logger, now);
    this.consumer = new StreamConsumer(
      this.connection,
      config,
      codec,
      processor,
      counters,
      logger,
      instanceId,
      outputsSettled,
    );
    this.claimer = new PendingClaimer(
      this.connection,
      this.consumer,
      processor,
      config,
      counters,
      logger,
      instanceId,
    );
  }

  async start(connectTimeoutMs: number): Promise<void> {
    const connected = this.connection.connect();
    connected.catch(() => undefined);
    await Promise.race([connected, new Promise((resolve) => setTimeout(resolve, connectTimeoutMs).unref())]);
    // A bad password or missing ACL permission never heals: fail the start, naming the connection.
    if (this.connection.fatalError) {
      await this.connection.close();
      throw this.connection.fatalError;
    }
    this.consumer.start();
    this.claimer.start();
  }

  async stop(flushTimeoutMs: number): Promise<void> {
    this.claimer.stop();
    await Promise.race([
      this.publisher.drained(),
      new Promise((resolve) => setTimeout(resolve, flushTimeoutMs).unref()),
    ]);
    await this.consumer.stop();
    for (const group of [...this.consumer.groups.values()])
      if (group.ephemeral) await this.consumer.removeGroup(group);
    await this.connection.close();
  }

  async status(): Promise<LaneStatus> {
    const status: LaneStatus = {
      lane: this.lane,
      connected: this.connection.ready,
      endpoint: this.connection.endpoint,
      streams: [],
      groups: [],
    };
    if (!this.connection.ready) return status;
    status.trimmedUnconsumed = await this.trimmedUnconsumed();
    const streams = [...new Set([...this.consumer.groups.values()].flatMap((g) => g.streams))];
    const cmd = this.connection.commands;
    const infos = await Promise.all(
      streams.map(async (stream) => ({
        stream,
        length: Number(await cmd.sendCommand(['XLEN', stream])),
        groups: ((await cmd.sendCommand(['XINFO', 'GROUPS', stream]).catch(() => [])) as unknown[][]).map(
          toFields,
        ),
      })),
    );
    for (const info of infos) {
      if (info.length > 0) status.streams.push({ stream: info.stream, length: info.length });
      for (const fields of info.groups) {
        const name = text(fields.get('name'));
        if (!this.consumer.groups.has(name)) continue;
        const lag = fields.get('lag');
        const group: GroupStatus = {
          group: name,
          stream: info.stream,
          pending: Number(fields.get('pending') ?? 0),
          lag: lag === null || lag === undefined ? null : Number(lag),
          consumers: Number(fields.get('consumers') ?? 0),
        };
        if (group.pending > 0 || (group.lag ?? 0) > 0 || info.length > 0) status.groups.push(group);
      }
    }
    return status;
  }

  /** Lane total of the retention hard cap's unconsumed trims, by every process (one hash per lane). */
  private async trimmedUnconsumed(): Promise<number> {
    const key = trimmedUnconsumedKey(this.config.prefix, this.lane);
    const counts = (await this.connection.commands.sendCommand(['HVALS', key])) as string[];
    return counts.reduce((sum, count) => sum + Number(count), 0);
  }
}

function toFields(flat: unknown[]): Map<string, unknown> {
  const fields = new Map<string, unknown>();
  for (let i = 0; i + 1 < flat.length; i += 2) fields.set(text(flat[i]), flat[i + 1]);
  return fields;
}
