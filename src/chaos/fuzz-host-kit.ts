import { onTestFinished } from 'vitest';
import { MemoryBus } from '../bus/memory/memory-bus.ts';
import { hashApiKey } from '../core/api-keys.ts';
import type { ConfigEntry } from '../core/config/config-entries.ts';
import { parseConfig } from '../core/config/load-config.ts';
import { LiveClock } from '../core/live-clock.ts';
import { createLogger } from '../core/logger.ts';
import { EngineHost } from '../engines/host/engine-host.ts';

/** Keys of each role, as the fuzz tests configure them on the api and websocket engines. */
export const KEYS = { read: 'read-key', trade: 'trade-key', admin: 'admin-key' } as const;
export const keyEntries = [
  { name: 'viewer', keyHash: hashApiKey(KEYS.read), role: 'read-only' },
  { name: 'desk', keyHash: hashApiKey(KEYS.trade), role: 'trader' },
  { name: 'boss', keyHash: hashApiKey(KEYS.admin), role: 'admin' },
];

/** A real host (memory bus, OS-chosen ports, no dashboard) stopped when the test finishes. */
export async function startFuzzHost(settings: Record<string, unknown>) {
  const entries: ConfigEntry[] = Object.entries({
    'registry.heartbeatMs': 100,
    'dashboard.enabled': false,
    ...settings,
  }).map(([path, value]) => ({ path: path.split('.'), value, source: 'test' }));
  const clock = new LiveClock();
  const bus = new MemoryBus({ clock });
  const host = new EngineHost({
    config: parseConfig(entries),
    bus,
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
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
