import { pino } from 'pino';
import { createBus } from '../bus/create-bus.ts';
import { LiveClock } from '../core/live-clock.ts';
import { createLogger } from '../core/logger.ts';
import { assertProductionReady } from '../core/security/production-check.ts';
import { EngineHost } from '../engines/host/engine-host.ts';
import { needsStore } from '../engines/host/kernel.ts';
import { openStore } from '../store/open-store.ts';
import { type ConfigFlags, loadCliConfig } from './config-flags.ts';
import { productionInput } from './security-check.ts';
import { renderTable } from './table.ts';

/** `nautilus start`: runs the selected engines until SIGINT/SIGTERM, then stops them gracefully. */
export async function startCommand(flags: ConfigFlags, out: (text: string) => void): Promise<number> {
  const { config, file } = loadCliConfig(flags);
  // Before any connection: a refused production start touches nothing.
  if (config.mode === 'production') assertProductionReady(productionInput(config));
  const logger = createLogger({
    level: config.log.level,
    destination: pino.destination({ dest: 2, sync: true }),
  });
  const clock = new LiveClock();
  const bus = createBus(config.bus, { clock, logger, instanceId: config.instanceId });
  const store = needsStore(config.engines)
    ? await openStore({ ...config.store, dataDir: config.dataDir }, clock.nowNs())
    : undefined;
  const host = new EngineHost({ config, bus, clock, logger, store, say: out });
  const signalled = waitForSignal(() => {
    logger.warn('second signal: exiting without a clean stop');
    process.exit(130);
  });
  try {
    await host.start();
  } catch (error) {
    await store?.close();
    throw error;
  }

  const engines = host.list();
  out(
    `Nautilus: ${engines.length} engine(s) on the ${bus.transport} bus, instance ${host.instanceId}` +
      `${store ? `, store ${store.backend}` : ''}` +
      `${file ? `, config ${file}` : ''}. Ctrl-C stops.\n`,
  );
  const rows = engines.map((e) => [
    e.engine,
    e.state,
    e.implemented ? 'yes' : 'placeholder',
    e.url ?? '(http off)',
  ]);
  const dashboard = host.dashboardInfo();
  if (dashboard) rows.push(['dashboard', 'running', '-', dashboard.url]);
  out(`${renderTable(['ENGINE', 'STATE', 'LOGIC', 'URL'], rows)}\n`);

  // Live clock timers are unref'd: without this, a host with HTTP disabled would exit at once.
  const keepAlive = setInterval(() => undefined, 1 << 30);
  const signal = await signalled;
  logger.info({ signal }, 'stopping');
  await host.stop();
  await store?.close();
  clearInterval(keepAlive);
  out(`Nautilus stopped (${signal}).\n`);
  return 0;
}

/** Resolves on the first SIGINT/SIGTERM; a second one calls `onSecond` (an impatient operator). */
function waitForSignal(onSecond: () => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received = false;
    const handler = (signal: NodeJS.Signals) => {
      if (received) return onSecond();
      received = true;
      resolve(signal);
    };
    process.on('SIGINT', handler);
    process.on('SIGTERM', handler);
  });
}
