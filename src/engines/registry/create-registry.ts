import type { Clock } from '../../core/clock.ts';
import type { NautilusConfig } from '../../core/config/config-schema.ts';
import type { EngineRegistry } from './engine-registry.ts';
import { MemoryEngineRegistry } from './memory-registry.ts';
import { RedisEngineRegistry } from './redis-registry.ts';

/** Memory bus: the registry lives in the process. Redis bus: on the main Redis, shared by every host. */
export function createRegistry(config: NautilusConfig, clock: Clock): EngineRegistry {
  if (config.bus.transport === 'memory') return new MemoryEngineRegistry(clock, config.registry);
  return new RedisEngineRegistry({
    url: config.bus.mainUrl,
    prefix: config.bus.prefix,
    security: config.bus,
    clock,
    ...config.registry,
  });
}
