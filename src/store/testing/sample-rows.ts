import type { StoreRows } from '../rows.ts';

/** One fully populated row per table (every optional field set, so a read-back must equal it). */
export function sampleRows(t: bigint): StoreRows {
  return {
    // biome-ignore format: test data
    instruments: { instrumentId: 'AAPL.XNAS', symbol: 'AAPL', assetClass: 'equity', currency: 'USD', spec: { tick: '0.01', lot: 1 }, updatedNs: t },
    trades: { tsNs: t + 1n, symbol: 'AAPL', price: 189.5, size: 100, aggressor: 'buy', tradeId: 't-1' },
    quotes: { tsNs: t + 2n, symbol: 'AAPL', bid: 189.49, ask: 189.51, bidSize: 300, askSize: 200 },
    // biome-ignore format: test data
    bars: { startNs: t, endNs: t + 60_000_000_000n, symbol: 'AAPL', spec: '1m', open: 189, high: 190, low: 188.5, close: 189.5, volume: 12_345 },
    book_snapshots: {
      tsNs: t + 3n,
      symbol: 'AAPL',
      bids: [[189.49, 300]],
      asks: [
        [189.51, 200],
        [189.52, 50],
      ],
    },
    orders: {
      orderId: 'o-1',
      strategyId: 'ema-cross',
      instrumentId: 'AAPL.XNAS',
      side: 'buy',
      orderType: 'limit',
      quantity: '10',
      price: '189.50',
      triggerPrice: null,
      timeInForce: 'GTC',
      status: 'filled',
      filledQty: '10',
      createdNs: t,
      updatedNs: t + 7n,
      data: { reduceOnly: false },
    },
    order_events: { orderId: 'o-1', eventType: 'filled', tsNs: t + 7n, data: { fillId: 'f-1' } },
    fills: {
      fillId: 'f-1',
      orderId: 'o-1',
      instrumentId: 'AAPL.XNAS',
      side: 'buy',
      price: '189.50',
      quantity: '10',
      commission: '0.0350',
      commissionCurrency: 'USD',
      liquidity: 'maker',
      tsNs: t + 7n,
    },
    // biome-ignore format: test data
    positions: { accountId: 'paper', instrumentId: 'AAPL.XNAS', quantity: '10', avgPrice: '189.50', realizedPnl: '-0.0350', currency: 'USD', updatedNs: t + 7n },
    // biome-ignore format: test data
    account_snapshots: { tsNs: t + 8n, accountId: 'paper', currency: 'USD', balance: '99999.9650', equity: '100000.0000', marginUsed: '0', data: { leverage: 1 } },
    risk_metrics: { tsNs: t + 9n, scope: 'portfolio', metric: 'var95', value: 1234.5 },
    // biome-ignore format: test data
    risk_alerts: { tsNs: t + 10n, severity: 'warning', kind: 'limit', message: 'gross exposure at 91%', data: { limit: 'gross' } },
    vpin_series: { tsNs: t + 11n, symbol: 'AAPL', vpin: 0.42, cdf: 0.97, bucket: 17 },
    factor_values: { tsNs: t, factor: 'momentum', symbol: 'AAPL', value: -0.25 },
    factor_returns: { factor: 'momentum', tsNs: t, value: 0.0012 },
    predictions: { tsNs: t, model: 'xgb-1', symbol: 'AAPL', horizon: '1d', value: 0.003, data: { p: 0.55 } },
    signals: { tsNs: t, source: 'features', symbol: 'AAPL', name: 'rsi14', value: 61.2, data: {} },
    // biome-ignore format: test data
    backtest_runs: { runId: 'bt-1', strategy: 'ema-cross', params: { fast: 10 }, status: 'finished', progress: 1, error: null, createdNs: t, updatedNs: t + 1n },
    // biome-ignore format: test data
    backtest_results: { runId: 'bt-1', metrics: { sharpe: 1.3 }, equityCurve: [[1, 100000]], trades: [], reportHtml: '<html></html>' },
    // biome-ignore format: test data
    engine_registry_history: { tsNs: t, engine: 'risk', instance: 'host-1', state: 'RUNNING', detail: null },
  };
}
