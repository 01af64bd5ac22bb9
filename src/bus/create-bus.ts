import type { Clock } from '../core/clock.ts';
import type { Logger } from '../core/logger.ts';
import { BusAuth } from './bus-auth.ts';
import type { BusConfig } from './bus-config.ts';
import { MemoryBus } from './memory/memory-bus.ts';
import type { MessageBus } from './message-bus.ts';
import { RedisBus } from './redis/redis-bus.ts';

/** The only place a transport is chosen: engines receive a MessageBus and never see connections. */
export function createBus(
  config: BusConfig,
  deps: { clock: Clock; logger: Logger; instanceId?: string },
): MessageBus {
  // bus.auth: keys and principals are read here, at start, so a bad file stops the process at once.
  const auth = BusAuth.fromConfig(config.auth, { logger: deps.logger });
  if (config.transport === 'memory') {
    return new MemoryBus({
      clock: deps.clock,
      instanceId: deps.instanceId,
      maxDeliveries: config.maxDeliveries,
      auth,
    });
  }
  return new RedisBus(config, { ...deps, auth });
}
