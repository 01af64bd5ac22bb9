import { describe, expect, it } from 'vitest';
import { waitFor } from '../../bus/testing/wait-for.ts';
import { startApiHost } from './api-host-kit.ts';

describe('api engine on a real kernel', () => {
  it('places a market order over HTTP that goes through risk and execution and becomes a position', async () => {
    const { api } = await startApiHost({
      engines: ['api', 'marketdata', 'risk', 'execution', 'portfolio'],
      'engineConfig.marketdata.symbols': ['AAPL'],
      // The test polls every 10 ms: far beyond the default 600 requests a minute.
      'engineConfig.api.rateLimit': { max: 1_000_000, windowMs: 60_000 },
    });
    // The hub's quote endpoint, through the API: the venue needs a price before a market order fills.
    await waitFor(
      async () => (await api('GET', '/api/quotes/AAPL')).body.quote !== null,
      'a live AAPL quote',
      10_000,
    );

    const placed = await api('POST', '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      quantity: '3',
    });
    expect(placed.status).toBe(202);
    expect(placed.body.orderId).toMatch(/^O-api-\d+$/);
    expect(['accepted', 'filled']).toContain(placed.body.status);

    await waitFor(
      async () =>
        (await api('GET', '/api/positions')).body.positions.some(
          (p: { quantity: string }) => p.quantity === '3',
        ),
      'the AAPL position',
      10_000,
    );
    const [position] = (await api('GET', '/api/positions')).body.positions;
    expect(position).toMatchObject({
      symbol: 'AAPL',
      instrumentId: 'AAPL.SIM',
      quantity: '3',
      side: 'LONG',
      currency: 'USD',
    });
    const orders = (await api('GET', '/api/orders?status=closed')).body.orders;
    expect(orders).toEqual([
      expect.objectContaining({
        orderId: placed.body.orderId,
        strategyId: 'api',
        status: 'filled',
        filledQty: '3',
      }),
    ]);
    expect((await api('GET', '/api/fills')).body.fills).toEqual([
      expect.objectContaining({ orderId: placed.body.orderId, quantity: '3', side: 'buy' }),
    ]);
    expect((await api('GET', '/api/portfolio')).body.portfolio).toMatchObject({ account: 'main', fills: 1 });
    const curve = (await api('GET', '/api/equity-curve')).body.points;
    expect(curve.length).toBeGreaterThan(0);
    expect(curve[0]).toEqual({ tsNs: expect.stringMatching(/^\d+$/), equity: expect.any(Number) });
    await waitFor(
      async () => (await api('GET', '/api/bars/AAPL?spec=10s')).body.bars.length > 0,
      'a 10s bar',
      15_000,
    );

    // Risk refuses while halted: the API answers with the denial and its reason.
    const halt = await api('PUT', '/api/risk/trading-state', { state: 'HALTED', reason: 'drill' });
    expect(halt).toEqual({ status: 200, body: { state: 'HALTED', changed: true } });
    await waitFor(
      async () => (await api('GET', '/api/risk')).body.tradingState?.state === 'HALTED',
      'halted',
    );
    const denied = await api('POST', '/api/orders', {
      symbol: 'AAPL',
      side: 'buy',
      type: 'market',
      quantity: '1',
    });
    expect(denied.body).toMatchObject({ status: 'denied', reason: expect.any(String) });

    const engines = (await api('GET', '/api/engines')).body.engines.map((e: { engine: string }) => e.engine);
    expect(engines).toEqual(expect.arrayContaining(['api', 'execution', 'marketdata', 'portfolio', 'risk']));
  }, 60_000);

  it('proxies backtests to the backtesting engine, keeping its 400 and 404', async () => {
    const { api } = await startApiHost({
      engines: ['api', 'backtesting'],
      'engineConfig.backtesting.workers': 1,
    });
    expect((await api('GET', '/api/backtests')).body).toEqual({ backtests: [] });
    const missing = await api('GET', '/api/backtests/nope');
    expect(missing).toEqual({
      status: 404,
      body: { error: { code: 'NOT_FOUND', message: 'no backtest nope' } },
    });
    expect((await api('GET', '/api/backtests/nope/report')).status).toBe(404);
    const bad = await api('POST', '/api/backtests', { strategy: 'ema-cross' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/dataFiles/);
  });
});
