import { randomBytes } from 'node:crypto';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { type RedisServer, startRedisServers } from '../../testing/redis-server.ts';
import { type BusConfig, busConfigSchema } from '../bus-config.ts';
import { RedisBus } from '../redis/redis-bus.ts';

/** Two real bus servers (MarketData, engine-logic) and the buses a test makes on them. */
export class DualBusFixture {
  readonly buses: RedisBus[] = [];
  readonly prefix = `fault-${randomBytes(3).toString('hex')}`;

  private constructor(
    readonly marketData: RedisServer,
    readonly engineLogic: RedisServer,
  ) {}

  static async start(opts: { appendonly?: boolean } = {}): Promise<DualBusFixture> {
    const [marketData, engineLogic] = await startRedisServers(2, { appendonly: opts.appendonly ?? true });
    return new DualBusFixture(marketData!, engineLogic!);
  }

  config(overrides: Partial<BusConfig> = {}): BusConfig {
    return busConfigSchema.parse({
      transport: 'redis',
      marketDataUrl: this.marketData.url,
      engineLogicUrl: this.engineLogic.url,
      prefix: this.prefix,
      claimIdleMs: 500,
      claimIntervalMs: 100,
      blockMs: 500,
      ...overrides,
    });
  }

  async bus(overrides: Partial<BusConfig> = {}, instanceId?: string): Promise<RedisBus> {
    const bus = new RedisBus(this.config(overrides), {
      clock: new LiveClock(),
      logger: createLogger({ level: 'silent' }),
      instanceId,
    });
    await bus.start();
    this.buses.push(bus);
    return bus;
  }

  async stop(): Promise<void> {
    await Promise.all(this.buses.map((b) => b.stop()));
    await Promise.all([this.marketData.stop(), this.engineLogic.stop()]);
  }
}
