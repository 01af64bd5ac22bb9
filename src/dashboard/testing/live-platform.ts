import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { hashApiKey } from '../../core/api-keys.ts';
import type { ConfigEntry } from '../../core/config/config-entries.ts';
import { parseConfig } from '../../core/config/load-config.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { EngineHost } from '../../engines/host/engine-host.ts';
import { openStore } from '../../store/open-store.ts';
import type { Store } from '../../store/store.ts';
import { freePort } from '../../testing/free-port.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';

/** The one API key of the test platform (admin: the risk page changes the trading state). */
export const ADMIN_KEY = 'dashboard-test-admin-key';

export interface LivePlatform {
  host: EngineHost;
  dashboardUrl: string;
  /** What the host said on its notice channel (the dashboard build). */
  notices: string[];
  stop(): Promise<void>;
}

/**
 * Engine options that make a live platform show everything within seconds instead of minutes:
 * VPIN on aggressor-classified trades with one-second buckets and a short window, factors every
 * second, backtests reading the shared market data, and an API key required by the API and the
 * WebSocket engine (as in production), so the browser must send it. VPIN keeps its default 50 readings before a
 * CDF: no toxicity alert (which would move risk to REDUCING and deny the tests' orders) comes
 * before about a minute of buckets, longer than the whole test file runs.
 */
function fastSettings(): ConfigEntry[] {
  const engine = (name: string, value: unknown): ConfigEntry => ({
    path: ['engineConfig', name],
    value,
    source: 'test',
  });
  const keys = [{ name: 'desk', keyHash: hashApiKey(ADMIN_KEY), role: 'admin' }];
  return [
    { path: ['engines'], value: ['all'], source: 'test' },
    { path: ['registry', 'heartbeatMs'], value: 500, source: 'test' },
    // No corsOrigins: the default, the origins of the dashboard this host serves, is under test.
    engine('api', { apiKeys: keys }),
    engine('websocket', { apiKeys: keys }),
    engine('backtesting', { dataRoot: SHARED_DATA, workers: 1 }),
    engine('vpin', {
      classification: 'aggressor',
      warmupSeconds: 2,
      bucketSeconds: 1,
      window: 5,
    }),
    engine('factor', { everyMs: 1000 }),
  ];
}

/**
 * Every engine of the platform in this process on the memory bus, with a PGlite store in a temp
 * dir and the dashboard on a port chosen first, so the API's default CORS origins name it.
 */
export async function startLivePlatform(): Promise<LivePlatform> {
  const dir = await mkdtemp(join(tmpdir(), 'nautilus-dashboard-'));
  const clock = new LiveClock();
  let store: Store | undefined;
  let host: EngineHost | undefined;
  try {
    store = await openStore({ url: `pglite:${join(dir, 'pglite')}`, dataDir: dir }, clock.nowNs());
    const dashboardPort = await freePort();
    const dashboardUrl = `http://127.0.0.1:${dashboardPort}`;
    const config = parseConfig(fastSettings());
    const logger = createLogger({ level: 'silent' });
    const notices: string[] = [];
    const started = new EngineHost({
      config,
      bus: new MemoryBus({ clock }),
      clock,
      logger,
      store,
      ephemeralPorts: true,
      dashboardPort,
      say: (text) => notices.push(text),
    });
    host = started;
    await started.start();
    const opened = store;
    return {
      host: started,
      dashboardUrl,
      notices,
      stop: async () => {
        await started.stop();
        await opened.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await host?.stop();
    await store?.close();
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
