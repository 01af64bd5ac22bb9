import { describe, expect, it } from 'vitest';
import type { Envelope } from '../../../domain/envelope.ts';
import { topics } from '../../../domain/topics.ts';
import { START_NS, startApi } from '../api-test-kit.ts';

const SEC = 1_000_000_000n;

describe('api routes', () => {
  it('serves the market snapshot of a symbol from market data on the bus', async () => {
    const api = await startApi();
    api.publish('marketdata', topics.marketData.quote('AAPL'), {
      kind: 'quote',
      symbol: 'AAPL',
      bid: 100,
      ask: 100.1,
      bidSize: 5,
      askSize: 7,
      tsNs: START_NS,
    });
    for (const [i, price] of [100, 101, 99, 100.5].entries())
      api.publish('marketdata', topics.marketData.trade('AAPL'), {
        kind: 'trade',
        symbol: 'AAPL',
        price,
        size: 2,
        aggressor: 'buy',
        tsNs: START_NS + BigInt(i) * 20n * SEC,
      });
    const { status, body } = await api.get('/api/market/AAPL');
    expect(status).toBe(200);
    expect(body.quote).toEqual({ bid: 100, ask: 100.1, bidSize: 5, askSize: 7, tsNs: String(START_NS) });
    expect(body.trades).toHaveLength(4);
    expect(body.trades.at(-1)).toMatchObject({ price: 100.5, tsNs: String(START_NS + 60n * SEC) });
    expect(body.bars).toEqual([
      { startNs: String(START_NS), open: 100, high: 101, low: 99, close: 99, volume: 6 },
      {
        startNs: String(START_NS + 60n * SEC),
        open: 100.5,
        high: 100.5,
        low: 100.5,
        close: 100.5,
        volume: 2,
      },
    ]);
    expect((await api.get('/api/market/MSFT')).body).toEqual({
      symbol: 'MSFT',
      quote: null,
      book: null,
      trades: [],
      bars: [],
    });
  });

  it('lists instruments, engine heartbeats, positions, risk, VPIN, factors and alerts from the bus', async () => {
    const api = await startApi();
    api.publish('risk', topics.engine.health('risk'), {
      engine: 'risk',
      instance: 'i1',
      state: 'running',
      implemented: true,
      detail: 'ok',
      tsNs: START_NS,
    });
    api.clock.advanceTo(START_NS + 3n * SEC);
    api.publish('portfolio', topics.position.change('AAPL'), {
      account: 'main',
      symbol: 'AAPL',
      instrumentId: 'AAPL.SIM',
      quantity: '-3',
      side: 'SHORT',
      avgPrice: '100.00',
      totalRealizedPnl: '5.5',
      currency: 'USD',
      tsNs: START_NS,
    });
    api.publish('marketdata', topics.marketData.trade('AAPL'), {
      kind: 'trade',
      symbol: 'AAPL',
      price: 98,
      size: 1,
      tsNs: START_NS,
    });
    api.publish('risk', topics.risk.state(), { state: 'REDUCING', reason: 'toxicity' });
    api.publish('risk', topics.risk.metric('var_99'), { name: 'var_99', value: 1234.5, tsNs: START_NS });
    api.publish('vpin', topics.vpin.calculation('AAPL'), {
      symbol: 'AAPL',
      vpin: 0.4,
      cdf: 0.95,
      thresholds: { warning: 0.8, critical: 0.96 },
      tsNs: START_NS,
    });
    api.publish('vpin', topics.toxicity.alert('AAPL'), {
      symbol: 'AAPL',
      level: 'critical',
      vpin: 0.7,
      cdf: 0.995,
      tsNs: START_NS,
    });
    api.publish('factor', topics.factor.calculation('momentum'), {
      factor: 'momentum',
      values: { AAPL: 0.12 },
      tsNs: START_NS,
    });

    const instruments = (await api.get('/api/instruments')).body.instruments;
    expect(instruments).toContainEqual({
      symbol: 'AAPL',
      instrumentId: 'AAPL.SIM',
      assetClass: 'equity',
      currency: 'USD',
      tickSize: '0.01',
    });
    expect((await api.get('/api/engines')).body.engines).toEqual([
      {
        engine: 'risk',
        instance: 'i1',
        state: 'running',
        detail: 'ok',
        lastHeartbeatNs: String(START_NS),
        ageMs: 3000,
      },
    ]);
    expect((await api.get('/api/positions')).body.positions).toEqual([
      {
        symbol: 'AAPL',
        instrumentId: 'AAPL.SIM',
        quantity: '-3',
        side: 'SHORT',
        avgPrice: '100.00',
        realizedPnl: '5.5',
        unrealizedPnl: '6.00',
        currency: 'USD',
      },
    ]);
    const risk = (await api.get('/api/risk')).body;
    expect(risk.tradingState).toEqual({ state: 'REDUCING', reason: 'toxicity' });
    expect(risk.metrics).toEqual({ var_99: { value: 1234.5, tsNs: String(START_NS + 3n * SEC) } });
    expect(risk.alerts).toEqual([
      expect.objectContaining({ kind: 'toxicity', severity: 'critical', symbol: 'AAPL' }),
    ]);
    expect((await api.get('/api/vpin')).body).toEqual({
      symbols: [
        { symbol: 'AAPL', vpin: 0.4, cdf: 0.95, level: 'warning', tsNs: String(START_NS + 3n * SEC) },
      ],
      // The levels the vpin engine said it uses, not defaults.
      thresholds: { warning: 0.8, critical: 0.96 },
    });
    expect((await api.get('/api/vpin/AAPL?limit=5')).body.series).toHaveLength(1);
    expect((await api.get('/api/vpin/MSFT')).status).toBe(404);
    expect((await api.get('/api/factors')).body.factors).toEqual([
      { name: 'momentum', tsNs: String(START_NS + 3n * SEC), values: { AAPL: 0.12 } },
    ]);
    expect((await api.get('/api/alerts?limit=1')).body.alerts).toHaveLength(1);
    expect((await api.get('/api/portfolio')).body).toEqual({ portfolio: null });
    expect((await api.get('/api/bus')).body).toMatchObject({
      transport: 'memory',
      publishedByType: expect.any(Object),
    });
  });

  it('places an order as strategy api on order.command.submit.api and tracks its events', async () => {
    const api = await startApi();
    const commands: Envelope[] = [];
    await api.bus.subscribe(
      'probe',
      topics.pattern('order.command'),
      (envelope) => void commands.push(envelope),
    );
    const placed = await api.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: { symbol: 'AAPL', side: 'buy', type: 'limit', quantity: '2', price: '101.5' },
    });
    expect(placed.statusCode).toBe(202);
    const { orderId } = placed.json();
    expect(placed.json()).toEqual({ orderId, status: 'submitted' });
    expect(orderId).toMatch(/^O-api-\d+$/);
    expect(commands.map((c) => c.topic)).toEqual(['order.command.submit.api']);
    expect(commands[0]!.payload).toMatchObject({
      action: 'submit',
      orderId,
      strategyId: 'api',
      instrumentId: 'AAPL.SIM',
      symbol: 'AAPL',
      order: { type: 'limit', side: 'buy', quantity: '2', price: '101.5', timeInForce: 'GTC' },
    });
    api.publish('execution', topics.order.event('filled', 'AAPL'), {
      orderId,
      status: 'filled',
      strategyId: 'api',
      instrumentId: 'AAPL.SIM',
      symbol: 'AAPL',
      side: 'buy',
      event: {
        type: 'filled',
        orderId,
        tsNs: String(START_NS),
        fillId: `${orderId}-F1`,
        lastPrice: '101.5',
        lastQty: '2',
        commission: { amount: '0.04', currency: 'USD' },
        liquidity: 'maker',
      },
    });
    expect((await api.get('/api/orders?status=closed')).body.orders).toEqual([
      expect.objectContaining({ orderId, status: 'filled', filledQty: '2', avgPx: '101.5', quantity: '2' }),
    ]);
    expect((await api.get('/api/orders?status=open')).body.orders).toEqual([]);
    expect((await api.get('/api/fills')).body.fills).toEqual([
      {
        fillId: `${orderId}-F1`,
        orderId,
        symbol: 'AAPL',
        side: 'buy',
        price: '101.5',
        quantity: '2',
        commission: '0.04',
        tsNs: String(START_NS),
      },
    ]);
    const cancel = await api.app.inject({ method: 'DELETE', url: `/api/orders/${orderId}` });
    expect(cancel.statusCode).toBe(409);
    expect((await api.app.inject({ method: 'DELETE', url: '/api/orders/O-api-999' })).statusCode).toBe(404);
  });

  it('cancels an open order of its own with order.command.cancel.api', async () => {
    const api = await startApi();
    const commands: Envelope[] = [];
    await api.bus.subscribe(
      'probe',
      topics.pattern('order.command.cancel'),
      (envelope) => void commands.push(envelope),
    );
    const placed = await api.app.inject({
      method: 'POST',
      url: '/api/orders',
      payload: { symbol: 'ES', side: 'sell', type: 'limit', quantity: '1', price: '5000.25' },
    });
    const { orderId } = placed.json();
    const cancel = await api.app.inject({ method: 'DELETE', url: `/api/orders/${orderId}` });
    expect(cancel.statusCode).toBe(202);
    expect(commands[0]).toMatchObject({
      topic: 'order.command.cancel.api',
      payload: { action: 'cancel', orderId, instrumentId: 'ES.SIM', symbol: 'ES' },
    });
  });

  it('answers 400 naming the field for bad bodies and queries', async () => {
    const api = await startApi();
    const post = async (payload: Record<string, unknown>) => {
      const response = await api.app.inject({ method: 'POST', url: '/api/orders', payload });
      return { status: response.statusCode, message: response.json().error.message as string };
    };
    const base = { symbol: 'AAPL', side: 'buy', type: 'market', quantity: '1' };
    expect(await post({ ...base, symbol: 'NOPE' })).toEqual({
      status: 400,
      message: 'symbol: unknown symbol "NOPE" (see GET /api/instruments)',
    });
    expect(await post({ ...base, quantity: '-1' })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body\.quantity: /),
    });
    expect(await post({ ...base, quantity: '1.5' })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^quantity: .*lot size/),
    });
    expect(await post({ ...base, type: 'limit' })).toEqual({
      status: 400,
      message: 'price: a limit order needs a price',
    });
    expect(await post({ ...base, type: 'limit', price: '101.555' })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^price: .*tick grid/),
    });
    expect(await post({ ...base, side: 'hold' })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body\.side: /),
    });
    expect(await post({ ...base, extra: 1 })).toMatchObject({
      status: 400,
      message: expect.stringMatching(/^body: .*extra/),
    });
    const badQuery = await api.get('/api/orders?status=pending');
    expect(badQuery.status).toBe(400);
    expect(badQuery.body.error.message).toMatch(/^query\.status: /);
    const badJson = await api.app.inject({
      method: 'POST',
      url: '/api/orders',
      headers: { 'content-type': 'application/json' },
      payload: '{"symbol":',
    });
    expect(badJson.statusCode).toBe(400);
  });

  it('publishes an OpenAPI document listing every route, with the order body from zod', async () => {
    const api = await startApi();
    const { status, body } = await api.get('/docs/json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths).sort()).toEqual([
      '/api/alerts',
      '/api/backtests',
      '/api/backtests/{id}',
      '/api/backtests/{id}/report',
      '/api/bars/{symbol}',
      '/api/bus',
      '/api/engines',
      '/api/equity-curve',
      '/api/factors',
      '/api/fills',
      '/api/instruments',
      '/api/market/{symbol}',
      '/api/orders',
      '/api/orders/{orderId}',
      '/api/portfolio',
      '/api/positions',
      '/api/quotes/{symbol}',
      '/api/risk',
      '/api/risk/trading-state',
      '/api/vpin',
      '/api/vpin/{symbol}',
    ]);
    const orderBody = body.paths['/api/orders'].post.requestBody.content['application/json'].schema;
    expect(orderBody.required).toEqual(['symbol', 'side', 'type', 'quantity']);
    expect(orderBody.properties.side.enum).toEqual(['buy', 'sell']);
    expect((await api.app.inject({ method: 'GET', url: '/docs' })).statusCode).toBeLessThan(400);
  });
});
