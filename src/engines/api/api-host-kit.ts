import { onTestFinished } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import type { ConfigEntry } from '../../core/config/config-entries.ts';
import { parseConfig } from '../../core/config/load-config.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import type { Store } from '../../store/store.ts';
import { EngineHost } from '../host/engine-host.ts';

/**
 * A real host on the memory bus with OS-chosen ports, stopped when the test finishes; `api`
 * calls the api engine over HTTP on its port.
 */
export async function startApiHost(settings: Record<string, unknown>, store?: Store) {
  const entries: ConfigEntry[] = Object.entries({ 'registry.heartbeatMs': 50, ...settings }).map(
    ([path, value]) => ({ path: path.split('.'), value, source: 'test' }),
  );
  const clock = new LiveClock();
  const bus = new MemoryBus({ clock });
  const host = new EngineHost({
    config: parseConfig(entries),
    bus,
    clock,
    logger: createLogger({ level: 'silent' }),
    ephemeralPorts: true,
    ...(store ? { store } : {}),
  });
  onTestFinished(() => host.stop());
  await host.start();
  const base = host.list().find((engine) => engine.engine === 'api')!.url!;
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method,
      ...(body === undefined
        ? {}
        : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    });
    const text = await response.text();
    const type = response.headers.get('content-type') ?? '';
    return { status: response.status, body: type.includes('json') ? JSON.parse(text) : text };
  };
  return { host, bus, api };
}
