import { MemoryBus } from '../../src/bus/memory/memory-bus.ts';
import { entriesOf } from '../../src/core/config/config-entries.ts';
import { parseConfig } from '../../src/core/config/load-config.ts';
import { LiveClock } from '../../src/core/live-clock.ts';
import { createLogger } from '../../src/core/logger.ts';
import { EngineHost } from '../../src/engines/host/engine-host.ts';
import { engineSchemas } from '../../src/engines/host/kernel.ts';
import { openStore } from '../../src/store/open-store.ts';
import { type DriverCounts, LoadDriver, type LoadOptions } from './load-driver.ts';

/**
 * The embedded phase's process: every engine on the memory bus with PGlite (the default
 * `nautilus start`), the load driver and its probe beside them, so its RSS is the whole embedded
 * system's. Driven over IPC: `drain` answers with the latency samples so far, `stop` stops.
 */
export type EmbeddedCommand = 'drain' | 'stop';
export type EmbeddedReply =
  | { ready: true; statusUrl: string }
  | { drained: { trades: number[]; orders: number[]; counts: DriverCounts } };

const { load, dataDir, settings } = JSON.parse(process.argv[2]!) as {
  load: LoadOptions;
  dataDir: string;
  settings: Record<string, unknown>;
};

const config = parseConfig(
  [
    ...entriesOf({ dataDir, store: { url: 'pglite' } }, 'bench load'),
    ...Object.entries(settings).map(([key, value]) => ({
      path: key.split('.'),
      value,
      source: `bench ${key}`,
    })),
  ],
  engineSchemas(),
);
const clock = new LiveClock();
const logger = createLogger({ level: 'warn' });
const bus = new MemoryBus({ clock });
const store = await openStore({ ...config.store, dataDir }, clock.nowNs());
const host = new EngineHost({ config, bus, clock, logger, store, ephemeralPorts: true });
await host.start();
const driver = new LoadDriver(bus, clock, load);
await driver.start();

const send = (reply: EmbeddedReply) => process.send?.(reply);
process.on('message', async (command: EmbeddedCommand) => {
  if (command === 'drain') {
    const trades = driver.tradeLatency.drain();
    send({ drained: { trades, orders: driver.orderLatency.drain(), counts: driver.counts() } });
    return;
  }
  await driver.stop();
  await host.stop();
  await store.close();
  process.disconnect();
});
const statusUrl = host.list().find((engine) => engine.url !== null)?.url;
if (!statusUrl) throw new Error('the embedded host serves no engine over HTTP');
send({ ready: true, statusUrl });
