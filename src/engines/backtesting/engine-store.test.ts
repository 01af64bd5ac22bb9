import Fastify from 'fastify';
import { Registry } from 'prom-client';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryBus } from '../../bus/memory/memory-bus.ts';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { LiveClock } from '../../core/live-clock.ts';
import { createLogger } from '../../core/logger.ts';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { openTempStore } from '../../store/testing/temp-store.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { EngineBus } from '../engine-bus.ts';
import { BacktestingEngine } from './engine.ts';
import { backtestingConfigSchema, backtestingManifest } from './manifest.ts';

const temp = await openTempStore(1_700_000_000n * NS_PER_SECOND, 'nautilus-backtest-store-');
afterAll(() => temp.dispose());

/** The engine on the asynchronous memory bus (its pool settles jobs in the background). */
async function start() {
  const bus = new MemoryBus({ clock: new LiveClock() });
  await bus.start();
  const engine = new BacktestingEngine({
    manifest: backtestingManifest,
    bus: new EngineBus(bus, backtestingManifest),
    clock: new LiveClock(),
    logger: createLogger({ level: 'silent' }),
    metrics: new Registry(),
    config: backtestingConfigSchema.parse({ dataRoot: SHARED_DATA, workers: 1 }),
    instanceId: 'test',
    store: temp.store,
  });
  const app = Fastify();
  engine.registerRoutes(app, () => true);
  await engine.onStart();
  const ask = (name: string, body: unknown) => bus.request('api', name, body, { timeoutMs: 30_000 });
  const get = (url: string) => app.inject({ method: 'GET', url });
  const stop = async () => {
    await engine.onStop();
    await app.close();
    await bus.stop();
  };
  return { ask, get, stop };
}

describe('backtesting engine with a store', () => {
  it('archives a settled backtest and answers for it after a restart', async () => {
    const first = await start();
    const { id } = (await first.ask('backtest-submit', {
      strategy: 'ema-cross',
      dataFiles: ['usdjpy-m1-bid-2013.csv'],
      params: { quantity: 100_000, fast: 10, slow: 20 },
    })) as { id: string };
    await waitFor(
      async () => ((await first.ask('backtest-get', { id })) as { status: string }).status === 'done',
      'backtest done',
      60_000,
    );
    const detail = await first.ask('backtest-get', { id });
    const html = ((await first.ask('backtest-report', { id })) as { html: string }).html;
    await waitFor(async () => (await temp.store.read('backtest_results')).length === 1, 'archived');
    await first.stop();

    await temp.reopen();
    const second = await start();
    try {
      expect(await second.ask('backtest-get', { id })).toEqual(detail);
      expect(((await second.ask('backtest-report', { id })) as { html: string }).html).toBe(html);
      const list = (await second.ask('backtest-list', {})) as {
        backtests: Array<{ id: string; status: string }>;
      };
      expect(list.backtests).toEqual([expect.objectContaining({ id, status: 'done' })]);
      await expect(second.ask('backtest-get', { id: 'missing' })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    } finally {
      await second.stop();
    }
  }, 90_000);
});
