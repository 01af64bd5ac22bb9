import { onTestFinished } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { ConfigEntry } from '../../core/config/config-entries.ts';
import { parseConfig } from '../../core/config/load-config.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import { EngineHost } from '../host/engine-host.ts';

/**
 * A real host on the memory bus with OS-chosen ports, its config from `settings` ("a.b": value),
 * stopped when the test finishes; `urlOf(engine)` is that engine's HTTP base URL.
 */
export async function startTestHost(settings: Record<string, unknown>, store?: Store) {
  const entries: ConfigEntry[] = Object.entries(settings).map(([path, value]) => ({
    path: path.split('.'),
    value,
    source: 'test',
  }));
  const clock = new LiveClock();
  const host = new EngineHost({
    config: parseConfig(entries),
    bus: new MemoryBus({ clock }),
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
    ...(store ? { store } : {}),
  });
  onTestFinished(() => host.stop());
  await host.start();
  const urlOf = (engine: string) => {
    const url = host.list().find((hosted) => hosted.engine === engine)?.url;
    if (!url) throw new Error(`engine ${engine} has no HTTP endpoint in this host`);
    return url;
  };
  return { host, urlOf };
}
