import { realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { waitFor } from '../../bus/testing/wait-for.ts';
import type { Envelope } from '../../domain/envelope.ts';
import { NS_PER_SECOND } from '../../domain/time.ts';
import { topics } from '../../domain/topics.ts';
import { SHARED_DATA } from '../../testing/shared-data.ts';
import { startEngine } from '../testing/engine-test-kit.ts';
import { BacktestingEngine } from './engine.ts';
import { backtestingConfigSchema, backtestingManifest } from './manifest.ts';

const DATA = SHARED_DATA;
async function start(config: Record<string, unknown> = {}) {
  const published: Envelope[] = [];
  const { engine, bus, app, get } = await startEngine({
    manifest: backtestingManifest,
    create: (ctx) => new BacktestingEngine(ctx),
    config: backtestingConfigSchema.parse({ dataRoot: DATA, ...config }),
    startNs: 1_700_000_000n * NS_PER_SECOND,
    busMode: 'async',
    beforeStart: (bus) =>
      bus
        .subscribe('probe', topics.pattern('backtest'), (envelope) => {
          published.push(envelope);
        })
        .then(() => undefined),
  });
  const post = async (body: unknown) => {
    const response = await app.inject({ method: 'POST', url: '/backtests', payload: body as object });
    return { status: response.statusCode, body: response.json() };
  };
  const settled = async (id: string) => {
    await waitFor(
      async () => ['done', 'failed'].includes((await get(`/backtests/${id}`)).body.status),
      id,
      60_000,
    );
    return (await get(`/backtests/${id}`)).body;
  };
  return { engine, bus, app, published, post, get, settled };
}

const body = {
  strategy: 'ema-cross',
  dataFiles: ['usdjpy-m1-bid-2013.csv'],
  params: { quantity: 100_000, fast: 10, slow: 20 },
};

describe('backtesting engine', () => {
  it('runs a backtest and a walk-forward on the worker pool, publishing progress and results', async () => {
    const { engine, bus, app, published, post, get, settled } = await start({ workers: 2 });
    const single = await post(body);
    expect(single).toMatchObject({ status: 202, body: { id: expect.any(String), status: 'running' } });
    const { params: _fixed, ...rest } = body;
    const walk = await post({
      ...rest,
      params: { quantity: 100_000 },
      sweep: { fast: [5, 10], slow: [50] },
      walkForward: 2,
      objective: 'total-return',
    });
    expect(walk.status).toBe(202);
    const done = await settled(single.body.id);
    expect(done).toMatchObject({
      kind: 'backtest',
      status: 'done',
      progress: { done: 1, total: 1 },
      request: { params: { symbol: 'USDJPY', fast: 10 }, barSpec: '1m-bid', capital: 100_000 },
      result: { records: 28_761, params: { fast: 10, slow: 20 } },
    });
    // Paths are resolved through symlinks (the data-root check), so compare real paths.
    expect(done.request.dataFiles).toEqual([realpathSync(resolve(DATA, 'usdjpy-m1-bid-2013.csv'))]);
    const folds = await settled(walk.body.id);
    expect(folds).toMatchObject({ kind: 'walk-forward', status: 'done', progress: { done: 6, total: 6 } });
    expect(folds.result.folds).toHaveLength(2);
    expect(folds.result.outOfSample.metrics.finalEquity).toEqual(expect.any(Number));
    const list = (await get('/backtests')).body.backtests;
    expect(list.map((job: { id: string }) => job.id)).toEqual([single.body.id, walk.body.id]);
    expect(list[0]).not.toHaveProperty('result');
    const topicsSeen = published.map((envelope) => envelope.topic);
    expect(topicsSeen).toContain(topics.backtest.progress(walk.body.id));
    const result = published.find((envelope) => envelope.topic === topics.backtest.result(walk.body.id))!;
    expect(result.payload).toMatchObject({ runId: walk.body.id, kind: 'walk-forward', status: 'done' });
    expect(engine.healthFields()).toMatchObject({ workers: 2, backtests: { done: 2, failed: 0 } });

    // The single run keeps its daily equity; the api engine reads all of it over bus endpoints.
    expect(done.equityCurve.length).toBeGreaterThan(10);
    expect(done.metrics).toMatchObject({ finalEquity: done.result.finalEquity });
    await expect(bus.request('api', 'backtest-get', { id: single.body.id })).resolves.toEqual(done);
    await expect(bus.request('api', 'backtest-list', {})).resolves.toEqual({ backtests: list });
    const report = (await bus.request('api', 'backtest-report', { id: single.body.id })) as { html: string };
    expect(report.html).toMatch(/^<!DOCTYPE html>/i);
    const page = await app.inject({ method: 'GET', url: `/backtests/${single.body.id}/report` });
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toBe(report.html);
    await expect(bus.request('api', 'backtest-report', { id: walk.body.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bus.request('api', 'backtest-get', { id: 'nope' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(bus.request('api', 'backtest-submit', { strategy: 'ema-cross' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringMatching(/dataFiles/),
    });
  }, 90_000);

  it('answers 400 naming the field for a bad body, a missing file or a path outside the data root', async () => {
    const { post, get } = await start();
    const bad = async (payload: unknown, message: RegExp) => {
      const response = await post(payload);
      expect(response.status, JSON.stringify(response.body)).toBe(400);
      expect(response.body.error).toMatchObject({
        code: 'BAD_REQUEST',
        message: expect.stringMatching(message),
      });
    };
    await bad({ strategy: 'ema-cross' }, /dataFiles: .*expected array/i);
    await bad({ ...body, capital: -5 }, /capital: .*>0/);
    await bad({ ...body, colour: 'red' }, /colour/);
    await bad({ ...body, walkForward: 2 }, /walkForward: walkForward needs a sweep grid/);
    await bad({ ...body, strategy: 'nope' }, /strategy: unknown strategy nope/);
    await bad({ ...body, sweep: { fast: [5, 10] } }, /sweep.fast: also given in params/);
    await bad(
      { ...body, dataFiles: ['missing.csv'] },
      /dataFiles.0: no such file missing.csv under the data root/,
    );
    await bad(
      { ...body, dataFiles: ['../main/package.json'] },
      /dataFiles.0: ..\/main\/package.json is outside the data root/,
    );
    await bad({ ...body, dataFiles: ['/etc/passwd'] }, /outside the data root/);
    expect((await get('/backtests/nope')).status).toBe(404);
    expect((await get('/backtests')).body).toEqual({ backtests: [] });
  });

  it('queues behind busy workers and refuses beyond maxQueued', async () => {
    const { post, get, settled } = await start({ workers: 1, maxQueued: 1 });
    const first = await post(body);
    const second = await post(body);
    expect(first.body.status).toBe('running');
    expect(second.body.status).toBe('queued');
    const third = await post(body);
    expect(third.status).toBe(409);
    expect(third.body.error.message).toMatch(/1 backtests already queued \(maxQueued 1\)/);
    expect((await get(`/backtests/${second.body.id}`)).body.status).toBe('queued');
    expect((await settled(second.body.id)).status).toBe('done');
  }, 60_000);
});
