import { afterAll, describe, expect, it } from 'vitest';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { openTempStore } from '../../store/testing/temp-store.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { BacktestingEngine } from './engine.ts';
import { backtestingConfigSchema, backtestingManifest } from './manifest.ts';

const temp = await openTempStore(1_700_000_000n * NS_PER_SECOND, 'nautilus-backtest-store-');
afterAll(() => temp.dispose());

/** The engine on the asynchronous memory bus (its pool settles jobs in the background). */
async function start() {
  const { bus, app, get, stop } = await startEngine({
    manifest: backtestingManifest,
    create: (ctx) => new BacktestingEngine(ctx),
    config: backtestingConfigSchema.parse({ dataRoot: SHARED_DATA, workers: 1 }),
    startNs: 1_700_000_000n * NS_PER_SECOND,
    busMode: 'async',
    store: temp.store,
  });
  const ask = (name: string, body: unknown) => bus.request('api', name, body, { timeoutMs: 30_000 });
  const page = async (url: string) => (await app.inject({ method: 'GET', url })).body;
  return { ask, get: async (url: string) => (await get(url)).body, page, stop };
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
      // The engine's own HTTP routes answer for archived runs too.
      expect(await second.get(`/backtests/${id}`)).toEqual(detail);
      expect(await second.page(`/backtests/${id}/report`)).toBe(html);
      expect((await second.get('/backtests')).backtests).toHaveLength(1);
      expect((await second.get('/backtests/missing')).error.code).toBe('NOT_FOUND');
    } finally {
      await second.stop();
    }
  }, 90_000);
});
